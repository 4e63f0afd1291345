package dev.switchboard.core.observe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.config.ObservabilityConfig;
import java.util.List;

/** Builds request-log entries and configurations for tests. */
final class TestEntries {
  private TestEntries() {}

  static LogEntry entry(String id, long startedAt, String team, String model, int status, double cost,
      long totalMillis) {
    ObjectNode request = Json.object().put("model", model);
    request.putArray("messages").addObject().put("role", "user")
        .put("content", "my key is sk-proj-abcdefghijklmnop1234 and mail bob@example.com");
    ObjectNode response = Json.object();
    response.putArray("choices").addObject().putObject("message").put("content", "ok");
    return new LogEntry(id, startedAt, "CHAT_COMPLETIONS", false, "key-" + team, team, model, model + "-served",
        "openai-main", "d1",
        List.of(new AttemptRecord("openai-main", "d1", model, status >= 500 ? 503 : 200, "ok", 1_000_000, false)),
        "priority", "miss", 0, 100, 20, 10, 0, 0, false, cost, true, totalMillis * 1_000_000L, 0, 900_000,
        100_000, status, status >= 400 ? "server_error" : null, null, "stop", List.of(), request, response, null);
  }

  static ObservabilityConfig config(double bodyRate, int batchSize, int retryMs, List<String> redact) {
    return new ObservabilityConfig(new ObservabilityConfig.RequestLogConfig(true, batchSize, 5, retryMs, null),
        new ObservabilityConfig.SamplingConfig(bodyRate, 5_000L, false, 4096, redact), null, null, null, null, null, null);
  }
}
