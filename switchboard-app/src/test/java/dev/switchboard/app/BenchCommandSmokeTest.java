package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs {@code switchboard bench --scenario seed --quick} end to end and checks the shape of its results file. */
class BenchCommandSmokeTest {
  @TempDir
  Path folder;

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void benchSeedQuick_loopbackRun_writesWellFormedResults() throws Exception {
    Path out = folder.resolve("results.json");
    int code = new CommandLine(new Main()).execute("bench", "--scenario", "seed", "--quick", "--no-progress",
        "--out", out.toString());

    assertThat(code).isZero();
    JsonNode result = Json.parse(Files.readAllBytes(out));
    assertThat(result.path("kind").asText()).isEqualTo("seed");
    assertThat(result.path("machine").path("host_cpus").asInt()).isPositive();
    for (String phase : new String[] {"direct", "switchboard"}) {
      JsonNode stats = result.path("phases").path(phase);
      assertThat(stats.path("succeeded").asLong()).as(phase + " answered requests").isPositive();
      assertThat(stats.path("latency_uncached_ms").has("p50")).isTrue();
      assertThat(stats.path("latency_uncached_ms").has("p99")).isTrue();
      assertThat(stats.path("cache").has("hit_rate")).isTrue();
      assertThat(stats.path("cache").has("false_hits")).isTrue();
      assertThat(stats.path("cost").has("cost_per_1m_tokens_usd")).isTrue();
      assertThat(stats.path("workload").path("new").asLong()).isPositive();
    }
    for (String side : new String[] {"direct", "switchboard"}) {
      for (String death : new String[] {"refused", "status_503", "hang"}) {
        JsonNode window = result.path("failover").path(side).path(death);
        assertThat(window.has("extra_latency_p50_ms")).as(side + " " + death).isTrue();
        assertThat(window.has("time_to_stop_sending_ms")).isTrue();
        assertThat(window.has("time_to_readmit_ms")).isTrue();
      }
    }
    assertThat(result.path("overhead_ms").has("p50")).isTrue();
    assertThat(result.path("generator_ceiling").has("throughput_rps")).isTrue();
    assertThat(result.path("table").size()).isGreaterThanOrEqualTo(10);
    assertThat(result.path("providers").size()).isEqualTo(4);
  }
}
