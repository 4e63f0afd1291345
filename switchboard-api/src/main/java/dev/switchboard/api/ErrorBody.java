package dev.switchboard.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds OpenAI-shaped error documents: {@code {"error":{"message","type","param","code"}}}. */
public final class ErrorBody {
  private ErrorBody() {}

  public static ObjectNode of(String message, String type, String param, String code) {
    ObjectNode root = Json.object();
    ObjectNode error = root.putObject("error");
    error.put("message", message);
    error.put("type", type);
    if (param == null) {
      error.putNull("param");
    } else {
      error.put("param", param);
    }
    if (code == null) {
      error.putNull("code");
    } else {
      error.put("code", code);
    }
    return root;
  }
}
