package dev.switchboard.providers.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.spi.FailureKind;
import dev.switchboard.core.spi.UpstreamException;
import io.vertx.core.buffer.Buffer;

/** Parsing a provider's JSON answer, failing with a typed protocol error when it is not a JSON object. */
public final class UpstreamJson {
  private UpstreamJson() {}

  public static ObjectNode object(Buffer bytes, String providerName) {
    JsonNode parsed;
    try {
      parsed = Json.parse(bytes.getBytes());
    } catch (Exception e) {
      throw malformed(providerName);
    }
    if (!(parsed instanceof ObjectNode object)) {
      throw malformed(providerName);
    }
    return object;
  }

  public static UpstreamException malformed(String providerName) {
    return new UpstreamException(FailureKind.PROTOCOL, 200,
        "The provider '" + providerName + "' returned a malformed response.");
  }

  /** Whether {@code name} is safe to put in a URL path segment (model and deployment names). */
  public static boolean safePathSegment(String name) {
    if (name == null || name.isEmpty() || name.length() > 200) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == '@')) {
        return false;
      }
    }
    return !name.equals(".") && !name.equals("..");
  }
}
