package dev.switchboard.core.governance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.store.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs after every other test class (see junit-platform.properties) and searches everything the run produced —
 * the log transcript (which also holds every admin response) and the captured test output — for the test
 * secrets: provider keys, the admin key and the master keys.
 */
@Order(Integer.MAX_VALUE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecretLeakTest {
  private static final Logger TRANSCRIPT = LoggerFactory.getLogger("transcript");
  private static final List<String> SECRETS = List.of("LEAKCANARY", CredentialCipherTest.NEW_MASTER,
      CredentialCipherTest.OLD_MASTER);

  @Test
  @Order(1)
  void errorPaths_withSecretsInTheirInput_echoNoSecret() throws Exception {
    try (GovernanceFixture f = new GovernanceFixture(Database.Kind.SQLITE)) {
      String secret = CredentialCipherTest.PROVIDER_KEY;
      f.call("PUT", "/admin/credentials/bad%20name", "{\"api_key\":\"" + secret + "\"}");
      f.call("PUT", "/admin/credentials/ok", "{\"api_key\":[\"" + secret + "\"]}");
      f.call("PUT", "/admin/credentials/ok", "{\"api_key\":\"" + secret + "\"}");
      f.call("GET", "/admin/credentials", null);
      f.call("POST", "/admin/keys", "{\"name\":{\"x\":\"" + secret + "\"}}");
      f.callAs(GovernanceFixture.ADMIN_KEY + "x", "GET", "/admin/keys", null);
      try {
        new CredentialCipher(List.of(CredentialCipherTest.filled((byte) 3)))
            .decrypt("ok", new CredentialCipher(List.of(CredentialCipherTest.filled((byte) 4))).encrypt("ok", secret));
      } catch (IllegalStateException e) {
        TRANSCRIPT.warn("decrypt failure", e);
      }
    }
  }

  @Test
  @Order(2)
  void wholeTestRun_transcriptAndOutput_containNoTestSecret() throws Exception {
    List<Path> files = new ArrayList<>();
    Path transcript = Path.of("target", "test-transcript.log");
    assertThat(transcript).exists();
    files.add(transcript);
    Path reports = Path.of("target", "surefire-reports");
    if (Files.isDirectory(reports)) {
      try (Stream<Path> list = Files.list(reports)) {
        list.filter(p -> p.toString().endsWith(".txt") && !p.getFileName().toString().contains("SecretLeakTest"))
            .forEach(files::add);
      }
    }
    List<String> leaks = new ArrayList<>();
    int lines = 0;
    for (Path file : files) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        lines++;
        for (String secret : SECRETS) {
          if (line.contains(secret)) {
            leaks.add(file.getFileName() + ": " + line);
          }
        }
      }
    }
    System.out.println("searched " + lines + " lines in " + files.size() + " files for test secrets");
    assertThat(lines).isPositive();
    assertThat(leaks).isEmpty();
  }
}
