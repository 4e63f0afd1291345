package dev.switchboard.core.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayMetricsTest {
  @Test
  void records_appearInThePrometheusScrape_withSwitchboardNames() {
    GatewayMetrics metrics = new GatewayMetrics();
    LogEntry ok = TestEntries.entry("a", 1, "t", "gpt-4o", 200, 0.25, 40);
    LogEntry failed = TestEntries.entry("b", 1, "t", "gpt-4o", 503, 0, 40);
    LogEntry fallback = new LogEntry("c", 1, "CHAT_COMPLETIONS", true, "k", "t", "m", "m2", "p2", "d2",
        List.of(new AttemptRecord("p1", "d1", "m1", 503, "server", 1000, false),
            new AttemptRecord("p2", "d2", "m2", 200, "ok", 1000, false)),
        null, "hit", 0.5, 1, 1, 0, 0, 0, false, 0, true, 2_000_000, 1_000_000, 1000, 10_000, 200, null, null, null,
        List.of(), null, null, null);
    metrics.onRecord(ok, null);
    metrics.onRecord(failed, null);
    metrics.onRecord(fallback, null);
    metrics.inFlight().incrementAndGet();

    String scrape = metrics.scrape();
    assertThat(scrape).contains("switchboard_requests_total{cache=\"miss\",model=\"gpt-4o-served\",provider=\"openai-main\",status=\"2xx\",stream=\"false\"} 1.0");
    assertThat(scrape).contains("switchboard_errors_total{error_type=\"server_error\"");
    assertThat(scrape).contains("switchboard_cost_usd_total{model=\"gpt-4o-served\",provider=\"openai-main\"} 0.25");
    assertThat(scrape).contains("switchboard_request_duration_seconds_bucket");
    assertThat(scrape).contains("switchboard_time_to_first_token_seconds_bucket");
    assertThat(scrape).contains("switchboard_gateway_overhead_seconds_bucket");
    assertThat(scrape).contains("switchboard_tokens_total{kind=\"prompt\"");
    assertThat(scrape).contains("switchboard_cache_hits_total{cache=\"hit\"} 1.0");
    assertThat(scrape).contains("switchboard_cache_saved_usd_total 0.5");
    assertThat(scrape).contains("switchboard_fallbacks_total{provider=\"p2\"} 1.0");
    assertThat(scrape).contains("switchboard_in_flight_requests 1.0");
    assertThat(scrape).doesNotContain("switchboard_retries_total{");
  }

  @Test
  void providerAndKeyHealth_areReadAtScrapeTime() {
    GatewayMetrics metrics = new GatewayMetrics();
    boolean[] healthy = {true};
    metrics.providerHealth("openai-main", () -> healthy[0]);
    metrics.keyHealth("openai-main", "0", () -> false);
    assertThat(metrics.scrape()).contains("switchboard_provider_healthy{provider=\"openai-main\"} 1.0")
        .contains("switchboard_key_healthy{key=\"0\",provider=\"openai-main\"} 0.0");
    healthy[0] = false;
    assertThat(metrics.scrape()).contains("switchboard_provider_healthy{provider=\"openai-main\"} 0.0");
  }
}
