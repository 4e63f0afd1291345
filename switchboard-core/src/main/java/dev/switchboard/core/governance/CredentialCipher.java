package dev.switchboard.core.governance;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts provider credentials at rest with AES-256-GCM. The master key comes from the environment
 * ({@code SWITCHBOARD_MASTER_KEY}, 32 bytes in base64); earlier master keys listed in
 * {@code SWITCHBOARD_MASTER_KEY_PREVIOUS} (comma-separated) still decrypt, so keys can be rotated: set the new key,
 * move the old one to the previous list, re-encrypt, then drop it. Each ciphertext names its master key by id and
 * is bound to the credential's name (associated data), so a ciphertext cannot be moved to another name.
 * Format: {@code v1.<key id>.<base64url(nonce ‖ ciphertext ‖ tag)>}.
 */
public final class CredentialCipher {
  public static final String MASTER_KEY_ENV = "SWITCHBOARD_MASTER_KEY";
  public static final String PREVIOUS_KEYS_ENV = "SWITCHBOARD_MASTER_KEY_PREVIOUS";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecureRandom random = new SecureRandom();
  private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
  private final String currentId;

  /** {@code masterKeys} in order of preference: the first encrypts, all decrypt. Each must be 32 bytes. */
  public CredentialCipher(List<byte[]> masterKeys) {
    if (masterKeys.isEmpty()) {
      throw new IllegalArgumentException("no master key: set " + MASTER_KEY_ENV);
    }
    for (byte[] key : masterKeys) {
      if (key.length != 32) {
        throw new IllegalArgumentException("a master key must be 32 bytes (base64 of 32 random bytes)");
      }
      keys.putIfAbsent(keyId(key), new SecretKeySpec(key, "AES"));
    }
    this.currentId = keys.keySet().iterator().next();
  }

  /** From the environment, or null when no master key is set (stored credentials are then disabled). */
  public static CredentialCipher fromEnvironment(Map<String, String> environment) {
    String current = environment.get(MASTER_KEY_ENV);
    if (current == null || current.isBlank()) {
      return null;
    }
    List<byte[]> all = new ArrayList<>();
    all.add(decodeKey(MASTER_KEY_ENV, current));
    String previous = environment.get(PREVIOUS_KEYS_ENV);
    if (previous != null) {
      for (String part : previous.split(",")) {
        if (!part.isBlank()) {
          all.add(decodeKey(PREVIOUS_KEYS_ENV, part));
        }
      }
    }
    return new CredentialCipher(all);
  }

  public String currentKeyId() {
    return currentId;
  }

  public String encrypt(String name, String plaintext) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[NONCE_BYTES + sealed.length];
      System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
      System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
      return "v1." + currentId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("credential encryption failed", e);
    }
  }

  /** Decrypts; fails (without revealing anything) when the ciphertext was altered, moved or its key is gone. */
  public String decrypt(String name, String token) {
    String[] parts = token.split("\\.", 3);
    if (parts.length != 3 || !"v1".equals(parts[0])) {
      throw new IllegalStateException("credential '" + name + "' is not in a known format");
    }
    SecretKeySpec key = keys.get(parts[1]);
    if (key == null) {
      throw new IllegalStateException("credential '" + name + "' was encrypted with master key " + parts[1]
          + ", which is not configured");
    }
    try {
      byte[] in = Base64.getUrlDecoder().decode(parts[2]);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
      cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
      return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("credential '" + name + "' could not be decrypted");
    }
  }

  /** The id of the master key a ciphertext was made with. */
  public static String keyIdOf(String token) {
    String[] parts = token.split("\\.", 3);
    return parts.length == 3 ? parts[1] : "";
  }

  private static String keyId(byte[] key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("switchboard-master-key-id".getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest(key)).substring(0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static byte[] decodeKey(String variable, String base64) {
    try {
      return Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(variable + ": not valid base64");
    }
  }
}
