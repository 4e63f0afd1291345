package dev.switchboard.core.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.store.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogRowTest {
  @TempDir Path dir;

  @Test
  void metadata_putsEveryFieldUnderItsColumn() throws Exception {
    LogEntry e = new LogEntry("req-1", 1_000L, "MESSAGES", true, "key-9", "red", "smart", "claude-x", "anthropic",
        "anthropic/claude-x",
        List.of(new AttemptRecord("openai", "d1", "gpt-4o", 503, "status \"503\"", 2_000_000, false),
            new AttemptRecord("anthropic", "anthropic/claude-x", "claude-x", 200, "ok", 3_000_000, true)),
        "fallback", "miss", 0.25, 100, 40, 30, 20, 10, true, 0.0125, true, 9_000_000, 4_000_000, 5_000_000,
        700_000, 200, null, null, "end_turn", List.of("pii:redacted", "length:ok"), null, null, null);
    ObjectNode json = LogRows.metadata(e).toJson();
    assertThat(json.path("request_id").asText()).isEqualTo("req-1");
    assertThat(json.path("started_at").asLong()).isEqualTo(1_000L);
    assertThat(json.path("endpoint").asText()).isEqualTo("MESSAGES");
    assertThat(json.path("stream").asLong()).isEqualTo(1);
    assertThat(json.path("key_id").asText()).isEqualTo("key-9");
    assertThat(json.path("team").asText()).isEqualTo("red");
    assertThat(json.path("requested_model").asText()).isEqualTo("smart");
    assertThat(json.path("served_model").asText()).isEqualTo("claude-x");
    assertThat(json.path("provider").asText()).isEqualTo("anthropic");
    assertThat(json.path("deployment").asText()).isEqualTo("anthropic/claude-x");
    assertThat(json.path("attempt_count").asLong()).isEqualTo(2);
    JsonNode attempts = Json.parse(json.path("attempts").asText());
    assertThat(attempts.get(0).path("outcome").asText()).isEqualTo("status \"503\"");
    assertThat(attempts.get(0).path("duration_us").asLong()).isEqualTo(2_000);
    assertThat(attempts.get(1).path("hedge").asBoolean()).isTrue();
    assertThat(json.path("route_decision").asText()).isEqualTo("fallback");
    assertThat(json.path("cache_status").asText()).isEqualTo("miss");
    assertThat(json.path("saved_cost_usd").asDouble()).isEqualTo(0.25);
    assertThat(json.path("prompt_tokens").asLong()).isEqualTo(100);
    assertThat(json.path("completion_tokens").asLong()).isEqualTo(40);
    assertThat(json.path("cached_tokens").asLong()).isEqualTo(30);
    assertThat(json.path("cache_creation_tokens").asLong()).isEqualTo(20);
    assertThat(json.path("reasoning_tokens").asLong()).isEqualTo(10);
    assertThat(json.path("tokens_estimated").asLong()).isEqualTo(1);
    assertThat(json.path("cost_usd").asDouble()).isEqualTo(0.0125);
    assertThat(json.path("priced").asLong()).isEqualTo(1);
    assertThat(json.path("total_us").asLong()).isEqualTo(9_000);
    assertThat(json.path("ttft_us").asLong()).isEqualTo(4_000);
    assertThat(json.path("upstream_us").asLong()).isEqualTo(5_000);
    assertThat(json.path("overhead_us").asLong()).isEqualTo(700);
    assertThat(json.path("status").asLong()).isEqualTo(200);
    assertThat(json.path("error_type").isNull()).isTrue();
    assertThat(json.path("finish_reason").asText()).isEqualTo("end_turn");
    assertThat(json.path("guard_outcomes").asText()).isEqualTo("pii:redacted,length:ok");
    assertThat(json.path("bodies_kept").isNull()).isTrue();
    assertThat(json.size()).isEqualTo(LogColumns.ALL.size());
  }

  @Test
  void jsonRoundTrip_keepsTypes() throws Exception {
    LogRow row = LogRows.metadata(TestEntries.entry("r", 5, "t", "m", 502, 0.5, 7));
    LogRow back = LogRow.fromJson((ObjectNode) Json.parse(Json.writeString(row.toJson())));
    for (LogColumns.Column column : LogColumns.ALL) {
      assertThat(back.value(column.name())).as(column.name()).isEqualTo(row.value(column.name()));
    }
  }

  @Test
  void insert_manyRowsInMultiRowStatements_skipsKnownIdsAndCountsOnlyNewOnes() throws Exception {
    try (Database database = Database.sqlite(dir.resolve("requests.db"))) {
      RequestLogStore store = new RequestLogStore(database);
      store.migrate().get();
      int n = RequestLogStore.ROWS_PER_STATEMENT * 3 + 7;
      List<LogRow> rows = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        rows.add(LogRows.metadata(TestEntries.entry("id-" + i, i, "t" + (i % 2), "gpt-4o", 200, 0.001, 5)));
      }
      assertThat(store.insert(rows.subList(0, 40)).get()).isEqualTo(40);
      assertThat(store.insert(rows).get()).isEqualTo(n - 40);
      assertThat(store.insert(rows.subList(3, 4)).get()).isZero();
      long[] counts = database.submit((Connection c) -> {
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT request_id), SUM(prompt_tokens), "
                + "MAX(started_at) FROM request_log")) {
          rs.next();
          return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)};
        }
      }).get();
      assertThat(counts).containsExactly(n, n, 100L * n, n - 1);
    }
  }
}
