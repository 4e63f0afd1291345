package dev.switchboard.core.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.pipeline.Dialect;
import dev.switchboard.core.pipeline.Endpoint;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.GatewayResponse;
import dev.switchboard.core.pipeline.Principal;
import dev.switchboard.core.time.ManualClock;
import dev.switchboard.core.time.Randomness;
import dev.switchboard.core.usage.Usage;
import io.vertx.core.MultiMap;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessLogFilterTest {
  @TempDir Path dir;

  @Test
  void completedRequest_isSnapshottedWithTimingsTokensAndPrincipal() throws Exception {
    ManualClock clock = new ManualClock();
    AtomicLong inFlight = new AtomicLong();
    try (RequestLog log = new RequestLog(null, dir, TestEntries.config(0, 10, 100, List.of()), clock,
        Randomness.seeded(3))) {
      List<LogEntry> seen = new CopyOnWriteArrayList<>();
      log.subscribe((entry, row) -> seen.add(entry));
      AccessLogFilter filter = new AccessLogFilter(log, clock, inFlight);
      Exchange exchange = new Exchange("req-1", clock.nanoTime(), clock.epochMillis(), Endpoint.CHAT_COMPLETIONS,
          Dialect.OPENAI, MultiMap.caseInsensitiveMultiMap(), (ObjectNode) Json.parse("{\"model\":\"smart\"}"));
      exchange.principal(new Principal("k1", "ci", "platform", null, null, null));
      filter.onRequest(exchange);
      assertThat(inFlight.get()).isEqualTo(1);
      exchange.record().addAttempt(new AttemptRecord("openai-main", "d1", "gpt-4o", 200, "ok", 8_000_000, false));
      exchange.record().provider = "openai-main";
      exchange.record().servedModel = "gpt-4o";
      exchange.record().usage = new Usage(10, 5, 0, 0, 0, false);
      exchange.record().costUsd = 0.01;
      clock.advance(Duration.ofMillis(10));
      filter.onResponse(exchange, GatewayResponse.ok(Json.object()));
      filter.onComplete(exchange);

      assertThat(inFlight.get()).isZero();
      assertThat(log.awaitIdle(10_000)).isTrue();
      assertThat(seen).hasSize(1);
      LogEntry entry = seen.get(0);
      assertThat(entry.team()).isEqualTo("platform");
      assertThat(entry.keyId()).isEqualTo("k1");
      assertThat(entry.status()).isEqualTo(200);
      assertThat(entry.totalNanos()).isEqualTo(10_000_000);
      assertThat(entry.overheadNanos()).isEqualTo(2_000_000);
      assertThat(entry.promptTokens()).isEqualTo(10);
      assertThat(entry.costUsd()).isEqualTo(0.01);
      assertThat(entry.responseBody()).isNotNull();
    }
  }
}
