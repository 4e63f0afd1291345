package dev.switchboard.core.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.store.Database;
import dev.switchboard.core.time.Clock;
import dev.switchboard.core.time.Randomness;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestLogSqliteTest {
  private static final long DAY = 86_400_000L;
  private static final long NOW = 1_764_000_000_000L;

  @TempDir Path dir;
  private Database database;
  private RequestLogStore store;
  private RequestLogQueries queries;
  private RequestLog log;

  @BeforeEach
  void open() throws Exception {
    database = Database.sqlite(dir.resolve("requests.db"));
    store = new RequestLogStore(database);
    store.migrate().get();
    queries = new RequestLogQueries(database);
  }

  @AfterEach
  void close() {
    if (log != null) {
      log.close();
    }
    database.close();
  }

  private RequestLog start(double bodyRate, List<String> redact) {
    log = new RequestLog(store, dir.resolve("spool"), TestEntries.config(bodyRate, 64, 100, redact),
        Clock.system(), Randomness.seeded(7));
    return log;
  }

  @Test
  void manyThreadsEnqueueing_everyRecordIsStoredOnce() throws Exception {
    start(0, List.of());
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      threads.add(new Thread(() -> {
        for (int i = 0; i < 500; i++) {
          log.enqueue(TestEntries.entry("t" + thread + "-" + i, NOW + i, "team" + (i % 3), "gpt-4o", 200, 0.001, 5));
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }
    log.enqueue(TestEntries.entry("t0-0", NOW, "team0", "gpt-4o", 200, 0.001, 5));
    assertThat(log.awaitIdle(30_000)).isTrue();
    assertThat(queries.count().get()).isEqualTo(2000);
  }

  @Test
  void usage_groupedByTeam_totalsRequestsTokensAndCost() throws Exception {
    start(0, List.of());
    for (int i = 0; i < 30; i++) {
      log.enqueue(TestEntries.entry("r" + i, NOW + i, i < 10 ? "red" : "blue", "gpt-4o", 200, 0.5, 5));
    }
    log.enqueue(TestEntries.entry("old", NOW - 3 * DAY, "red", "gpt-4o", 200, 100, 5));
    assertThat(log.awaitIdle(30_000)).isTrue();
    ArrayNode rows = queries.usage(NOW - DAY, NOW + DAY, List.of("team")).get();
    assertThat(rows).hasSize(2);
    JsonNode blue = rows.get(0);
    assertThat(blue.path("team").asText()).isEqualTo("blue");
    assertThat(blue.path("requests").asLong()).isEqualTo(20);
    assertThat(blue.path("prompt_tokens").asLong()).isEqualTo(2000);
    assertThat(blue.path("cost_usd").asDouble()).isCloseTo(10.0, within(1e-9));
    assertThat(rows.get(1).path("cost_usd").asDouble()).isCloseTo(5.0, within(1e-9));
  }

  @Test
  void bodies_keptForErrorsAndSlowRequests_redacted_andDroppedOtherwise() throws Exception {
    start(0, List.of("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}"));
    log.enqueue(TestEntries.entry("fine", NOW, "t", "gpt-4o", 200, 0, 5));
    log.enqueue(TestEntries.entry("broken", NOW, "t", "gpt-4o", 502, 0, 5));
    log.enqueue(TestEntries.entry("slow", NOW, "t", "gpt-4o", 200, 0, 6_000));
    assertThat(log.awaitIdle(30_000)).isTrue();
    assertThat(queries.record("fine").get().path("request_body").isNull()).isTrue();
    ObjectNode broken = queries.record("broken").get();
    assertThat(broken.path("bodies_kept").asText()).isEqualTo("error");
    assertThat(broken.path("request_body").asText()).contains("[REDACTED]").doesNotContain("sk-proj")
        .doesNotContain("bob@example.com");
    assertThat(queries.record("slow").get().path("bodies_kept").asText()).isEqualTo("slow");
  }

  @Test
  void sampleRateOne_keepsEveryBody() throws Exception {
    start(1.0, List.of());
    log.enqueue(TestEntries.entry("fine", NOW, "t", "gpt-4o", 200, 0, 5));
    assertThat(log.awaitIdle(30_000)).isTrue();
    ObjectNode fine = queries.record("fine").get();
    assertThat(fine.path("bodies_kept").asText()).isEqualTo("sampled");
    assertThat(fine.path("response_body").asText()).contains("\"ok\"");
  }

  @Test
  void retention_deletesRecordsOlderThanMaxAge_thenBeyondMaxRows() throws Exception {
    start(0, List.of());
    for (int i = 0; i < 10; i++) {
      log.enqueue(TestEntries.entry("new" + i, NOW + i, "t", "m", 200, 0, 5));
      log.enqueue(TestEntries.entry("old" + i, NOW - 40 * DAY + i, "t", "m", 200, 0, 5));
    }
    assertThat(log.awaitIdle(30_000)).isTrue();
    assertThat(store.applyRetention(NOW - 30 * DAY, 1_000).get()).isEqualTo(10);
    assertThat(store.applyRetention(NOW - 30 * DAY, 4).get()).isEqualTo(6);
    ArrayNode left = queries.logs(Map.of(), null, null, null, null, 100).get();
    assertThat(left).extracting(n -> n.path("request_id").asText())
        .containsExactly("new9", "new8", "new7", "new6");
  }

  @Test
  void logs_filterAndPage_newestFirst() throws Exception {
    start(0, List.of());
    for (int i = 0; i < 25; i++) {
      log.enqueue(TestEntries.entry(String.format("r%02d", i), NOW + i, i % 2 == 0 ? "even" : "odd", "m",
          i % 5 == 0 ? 500 : 200, 0, 5));
    }
    assertThat(log.awaitIdle(30_000)).isTrue();
    ArrayNode first = queries.logs(Map.of("team", "even"), null, null, null, null, 5).get();
    assertThat(first).extracting(n -> n.path("request_id").asText())
        .containsExactly("r24", "r22", "r20", "r18", "r16");
    JsonNode last = first.get(4);
    ArrayNode second = queries.logs(Map.of("team", "even"), null, null, last.path("started_at").asLong(),
        last.path("request_id").asText(), 5).get();
    assertThat(second).extracting(n -> n.path("request_id").asText())
        .containsExactly("r14", "r12", "r10", "r08", "r06");
    assertThat(queries.logs(Map.of("status", "500"), null, null, null, null, 100).get()).hasSize(5);
    assertThat(first.get(0).has("request_body")).isFalse();
  }

  @Test
  void listeners_seeEveryRecordOnce() throws Exception {
    start(0, List.of());
    List<String> seen = new CopyOnWriteArrayList<>();
    log.subscribe((entry, row) -> seen.add(row.requestId()));
    for (int i = 0; i < 100; i++) {
      log.enqueue(TestEntries.entry("r" + i, NOW, "t", "m", 200, 0, 5));
    }
    assertThat(log.awaitIdle(30_000)).isTrue();
    assertThat(seen).hasSize(100).doesNotHaveDuplicates();
  }
}
