package dev.switchboard.core.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialCipherTest {
  static final String OLD_MASTER = Base64.getEncoder().encodeToString(new byte[32]);
  static final String NEW_MASTER = Base64.getEncoder().encodeToString(filled((byte) 7));
  static final String PROVIDER_KEY = "sk-test-provider-LEAKCANARY-0123456789abcdef";

  static byte[] filled(byte value) {
    byte[] bytes = new byte[32];
    java.util.Arrays.fill(bytes, value);
    return bytes;
  }

  @Test
  void encrypt_thenDecrypt_returnsThePlaintextAndHidesIt() {
    CredentialCipher cipher = CredentialCipher.fromEnvironment(Map.of(CredentialCipher.MASTER_KEY_ENV, NEW_MASTER));
    String sealed = cipher.encrypt("openai-prod", PROVIDER_KEY);
    assertThat(sealed).startsWith("v1." + cipher.currentKeyId() + ".").doesNotContain("LEAKCANARY");
    assertThat(cipher.decrypt("openai-prod", sealed)).isEqualTo(PROVIDER_KEY);
    assertThat(cipher.encrypt("openai-prod", PROVIDER_KEY)).isNotEqualTo(sealed);
  }

  @Test
  void decrypt_underAnotherName_fails() {
    CredentialCipher cipher = new CredentialCipher(List.of(filled((byte) 1)));
    String sealed = cipher.encrypt("a", PROVIDER_KEY);
    assertThatThrownBy(() -> cipher.decrypt("b", sealed)).hasMessageNotContaining("LEAKCANARY")
        .hasMessageContaining("could not be decrypted");
  }

  @Test
  void decrypt_tamperedCiphertext_fails() {
    CredentialCipher cipher = new CredentialCipher(List.of(filled((byte) 1)));
    String sealed = cipher.encrypt("a", PROVIDER_KEY);
    char last = sealed.charAt(sealed.length() - 2);
    String tampered = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A')
        + sealed.charAt(sealed.length() - 1);
    assertThatThrownBy(() -> cipher.decrypt("a", tampered)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void rotation_previousKeyStillDecrypts_unknownKeyIsNamed() {
    CredentialCipher old = CredentialCipher.fromEnvironment(Map.of(CredentialCipher.MASTER_KEY_ENV, OLD_MASTER));
    String sealed = old.encrypt("a", PROVIDER_KEY);
    CredentialCipher rotated = CredentialCipher.fromEnvironment(Map.of(CredentialCipher.MASTER_KEY_ENV, NEW_MASTER,
        CredentialCipher.PREVIOUS_KEYS_ENV, OLD_MASTER));
    assertThat(rotated.decrypt("a", sealed)).isEqualTo(PROVIDER_KEY);
    CredentialCipher newOnly = CredentialCipher.fromEnvironment(Map.of(CredentialCipher.MASTER_KEY_ENV, NEW_MASTER));
    assertThatThrownBy(() -> newOnly.decrypt("a", sealed)).hasMessageContaining(old.currentKeyId())
        .hasMessageContaining("not configured");
  }

  @Test
  void masterKey_wrongLength_isRefused() {
    assertThatThrownBy(() -> new CredentialCipher(List.of(new byte[16]))).hasMessageContaining("32 bytes");
    assertThat(CredentialCipher.fromEnvironment(Map.of())).isNull();
  }
}
