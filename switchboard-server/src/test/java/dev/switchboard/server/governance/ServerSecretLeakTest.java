package dev.switchboard.server.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other server test class (see junit-platform.properties) and searches all they produced — log
 * lines and the response bodies the governance tests print, captured by surefire — for the test secrets: the
 * provider keys of every test configuration, the admin key and the master key.
 */
@Order(Integer.MAX_VALUE)
class ServerSecretLeakTest {
  private static final List<String> SECRETS = List.of("LEAKCANARY", "sk-provider-primary-secret-0001",
      "sk-provider-backup-secret-0002", GovernedGateway.MASTER_KEY, "failover-admin-key-0001",
      "cache-admin-key-0123456789");

  @Test
  void wholeTestRun_logsAndResponses_containNoTestSecret() throws Exception {
    Path reports = Path.of("target", "surefire-reports");
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(reports)) {
      try (Stream<Path> list = Files.list(reports)) {
        list.filter(p -> p.toString().endsWith(".txt") && !p.getFileName().toString().contains("SecretLeakTest"))
            .forEach(files::add);
      }
    }
    List<String> leaks = new ArrayList<>();
    long lines = 0;
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
    assertThat(leaks).isEmpty();
  }
}
