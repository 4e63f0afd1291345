package dev.switchboard.server.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.pipeline.GatewayException;
import java.util.Set;

/** Checks the fields Switchboard itself relies on; everything else passes through to the provider unchanged. */
final class RequestValidator {
  private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");

  private RequestValidator() {}

  static void chat(ObjectNode body) {
    requireModel(body);
    JsonNode messages = body.get("messages");
    if (messages == null || !messages.isArray()) {
      throw GatewayException.badRequest("'messages' is required and must be an array.", "messages");
    }
    if (messages.isEmpty()) {
      throw GatewayException.badRequest("'messages' must contain at least one message.", "messages");
    }
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      if (!message.isObject()) {
        throw GatewayException.badRequest("Each message must be an object.", "messages[" + i + "]");
      }
      JsonNode role = message.get("role");
      if (role == null || !role.isTextual() || !ROLES.contains(role.textValue())) {
        throw GatewayException.badRequest("Invalid role; expected one of " + ROLES + ".",
            "messages[" + i + "].role");
      }
    }
    optionalBoolean(body, "stream");
    optionalNumber(body, "temperature", 0, 2);
    optionalNumber(body, "top_p", 0, 1);
    optionalPositiveInt(body, "max_tokens");
    optionalPositiveInt(body, "max_completion_tokens");
    optionalPositiveInt(body, "n");
    JsonNode options = body.get("stream_options");
    if (options != null && !options.isNull() && !options.isObject()) {
      throw GatewayException.badRequest("'stream_options' must be an object.", "stream_options");
    }
    JsonNode tools = body.get("tools");
    if (tools != null && !tools.isNull() && !tools.isArray()) {
      throw GatewayException.badRequest("'tools' must be an array.", "tools");
    }
  }

  static void embeddings(ObjectNode body) {
    requireModel(body);
    JsonNode input = body.get("input");
    if (input == null || input.isNull()) {
      throw GatewayException.badRequest("'input' is required.", "input");
    }
    if (!input.isTextual() && !input.isArray()) {
      throw GatewayException.badRequest("'input' must be a string or an array.", "input");
    }
    if (input.isArray() && input.isEmpty()) {
      throw GatewayException.badRequest("'input' must not be empty.", "input");
    }
  }

  private static void requireModel(ObjectNode body) {
    JsonNode model = body.get("model");
    if (model == null || !model.isTextual() || model.textValue().isBlank()) {
      throw GatewayException.badRequest("You must provide a model parameter.", "model");
    }
  }

  private static void optionalBoolean(ObjectNode body, String field) {
    JsonNode value = body.get(field);
    if (value != null && !value.isNull() && !value.isBoolean()) {
      throw GatewayException.badRequest("'" + field + "' must be a boolean.", field);
    }
  }

  private static void optionalNumber(ObjectNode body, String field, double min, double max) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return;
    }
    if (!value.isNumber() || value.doubleValue() < min || value.doubleValue() > max) {
      throw GatewayException.badRequest("'" + field + "' must be a number between " + trim(min) + " and "
          + trim(max) + ".", field);
    }
  }

  private static void optionalPositiveInt(ObjectNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return;
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < 1) {
      throw GatewayException.badRequest("'" + field + "' must be a positive integer.", field);
    }
  }

  private static String trim(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
