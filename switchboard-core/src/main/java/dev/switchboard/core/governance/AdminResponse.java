package dev.switchboard.core.governance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.ErrorBody;
import dev.switchboard.api.ErrorType;

/** What the admin API answers: a status and a JSON body (an OpenAI-shaped error body on failure). */
public record AdminResponse(int status, JsonNode body) {
  static AdminResponse ok(JsonNode body) {
    return new AdminResponse(200, body);
  }

  static AdminResponse created(JsonNode body) {
    return new AdminResponse(201, body);
  }

  static AdminResponse error(int status, String type, String code, String message) {
    return new AdminResponse(status, ErrorBody.of(message, type, null, code));
  }

  static AdminResponse notFound(String what) {
    return error(404, ErrorType.NOT_FOUND, "not_found", what + " not found.");
  }

  static AdminResponse badRequest(String message) {
    return error(400, ErrorType.INVALID_REQUEST, "invalid_request", message);
  }
}
