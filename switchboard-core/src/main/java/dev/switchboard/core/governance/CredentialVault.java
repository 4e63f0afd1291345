package dev.switchboard.core.governance;

import dev.switchboard.core.time.Clock;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Provider credentials stored through the admin API, encrypted with {@link CredentialCipher}. Plaintext leaves
 * this class only through {@link #reveal}, for the provider layer; no API returns it.
 */
public final class CredentialVault {
  private final GovernanceStore store;
  private final CredentialCipher cipher;
  private final Clock clock;

  public CredentialVault(GovernanceStore store, CredentialCipher cipher, Clock clock) {
    this.store = store;
    this.cipher = cipher;
    this.clock = clock;
  }

  public Future<Void> put(String name, String secret) {
    return store.saveCredential(name, cipher.currentKeyId(), cipher.encrypt(name, secret), clock.epochMillis());
  }

  /** The names of the stored credentials (never their values). */
  public Future<List<String>> names() {
    return store.credentials().map(all -> new ArrayList<>(all.keySet()));
  }

  public Future<Boolean> delete(String name) {
    return store.deleteCredential(name);
  }

  /** The plaintext credential, or null when none is stored under {@code name}. */
  public Future<String> reveal(String name) {
    return store.credentials().map(all -> {
      String token = all.get(name);
      return token == null ? null : cipher.decrypt(name, token);
    });
  }

  /** Re-encrypts every credential not yet under the current master key; returns how many changed. */
  public Future<Integer> rotate() {
    return store.credentials().compose(all -> {
      List<Future<Void>> writes = new ArrayList<>();
      for (Map.Entry<String, String> entry : all.entrySet()) {
        if (!CredentialCipher.keyIdOf(entry.getValue()).equals(cipher.currentKeyId())) {
          String plaintext = cipher.decrypt(entry.getKey(), entry.getValue());
          writes.add(put(entry.getKey(), plaintext));
        }
      }
      return Future.all(writes).map(done -> writes.size());
    });
  }
}
