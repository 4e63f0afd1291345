package dev.switchboard.core.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;

/**
 * A health change one node tells the others about. Keys are named by fingerprint, never by value.
 *
 * @param type {@code eject}, {@code recover}, {@code key_cool} or {@code key_dead}
 * @param millis how long an ejection or cooling lasts from the moment it is applied
 */
public record HealthEvent(String node, String type, String deployment, String provider, String key, long millis,
    long sentEpochMillis) {
  public static final String EJECT = "eject";
  public static final String RECOVER = "recover";
  public static final String KEY_COOL = "key_cool";
  public static final String KEY_DEAD = "key_dead";

  public String toJson() {
    ObjectNode node = Json.object();
    node.put("node", this.node);
    node.put("type", type);
    if (deployment != null) {
      node.put("deployment", deployment);
    }
    if (provider != null) {
      node.put("provider", provider);
    }
    if (key != null) {
      node.put("key", key);
    }
    node.put("millis", millis);
    node.put("sent", sentEpochMillis);
    return Json.writeString(node);
  }

  /** Parses an event; null for anything malformed (a foreign publisher on the channel). */
  public static HealthEvent fromJson(String text) {
    try {
      JsonNode node = Json.parse(text);
      if (!node.path("type").isTextual() || !node.path("node").isTextual()) {
        return null;
      }
      return new HealthEvent(node.path("node").asText(), node.path("type").asText(),
          node.hasNonNull("deployment") ? node.get("deployment").asText() : null,
          node.hasNonNull("provider") ? node.get("provider").asText() : null,
          node.hasNonNull("key") ? node.get("key").asText() : null,
          node.path("millis").asLong(0), node.path("sent").asLong(0));
    } catch (Exception e) {
      return null;
    }
  }
}
