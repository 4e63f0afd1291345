package dev.switchboard.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.ErrorBody;
import io.vertx.core.http.HttpMethod;

/** A provider's wire protocol as a simulator speaks it. */
public interface SimDialect {
  /** The dialect's name, e.g. "openai" or "anthropic". */
  String name();

  /** The handler for a path under the provider's prefix, or null when the dialect has no such route. */
  SimRoute route(HttpMethod method, String path);

  /** The provider's error document for an HTTP status (OpenAI's shape unless the dialect differs). */
  default JsonNode errorBody(int status, String message) {
    String type = status == 429 ? "rate_limit_error" : status >= 500 ? "server_error" : "invalid_request_error";
    return ErrorBody.of(message, type, null, status == 429 ? "rate_limit_exceeded" : null);
  }

  /** Headers that go with an injected error answer (for example the exception name some providers send). */
  default java.util.Map<String, String> errorHeaders(int status) {
    return java.util.Map.of();
  }
}
