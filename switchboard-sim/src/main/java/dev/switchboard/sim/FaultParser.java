package dev.switchboard.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** Reads a fault from JSON: {@code {"type":"status","status":503,"retry_after":1,"after_chunks":3,"delay_ms":50}}. */
final class FaultParser {
  private FaultParser() {}

  static Fault parse(JsonNode json) {
    Fault.Type type = Fault.Type.valueOf(json.path("type").asText("none").toUpperCase(Locale.ROOT)
        .replace('-', '_'));
    int status = json.path("status").asInt(type == Fault.Type.STATUS ? 500 : 0);
    int retryAfter = json.path("retry_after").asInt(status == 429 || status == 503 ? 1 : 0);
    return new Fault(type, status, retryAfter, json.path("after_chunks").asInt(2), json.path("delay_ms").asLong(0));
  }
}
