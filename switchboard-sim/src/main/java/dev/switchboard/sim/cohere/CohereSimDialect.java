package dev.switchboard.sim.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.sim.SimAnswer;
import dev.switchboard.sim.SimCall;
import dev.switchboard.sim.SimDialect;
import dev.switchboard.sim.SimRoute;
import dev.switchboard.sim.openai.SimVectors;
import io.vertx.core.http.HttpMethod;

/**
 * Cohere's v2 API: {@code POST /v2/chat} (streamed as typed SSE events when {@code stream} is true) and
 * {@code POST /v2/embed}, with a bearer key. Errors are {@code {"id", "message"}}.
 */
public final class CohereSimDialect implements SimDialect {
  @Override
  public String name() {
    return "cohere";
  }

  @Override
  public SimRoute route(HttpMethod method, String path) {
    if (method == HttpMethod.POST && path.equals("/v2/chat")) {
      return this::chat;
    }
    if (method == HttpMethod.POST && path.equals("/v2/embed")) {
      return this::embed;
    }
    return null;
  }

  @Override
  public JsonNode errorBody(int status, String message) {
    return error(message);
  }

  private static ObjectNode error(String message) {
    return Json.object().put("id", "sim-error").put("message", message);
  }

  private static boolean authorised(SimCall call) {
    String authorization = call.header("authorization");
    String key = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
    if (key == null || key.isBlank()) {
      call.respondError(401, error("no api key supplied"));
      return false;
    }
    if (call.provider().requiredKey() != null && !call.provider().requiredKey().equals(key)) {
      call.respondError(401, error("invalid api token"));
      return false;
    }
    return true;
  }

  private void chat(SimCall call) {
    if (!authorised(call)) {
      return;
    }
    JsonNode json = call.json();
    if (!(json instanceof ObjectNode request) || !json.path("model").isTextual() || !json.path("messages").isArray()) {
      call.respondError(400, error("invalid request: model and messages are required"));
      return;
    }
    CohereSimCompletion completion = CohereSimCompletion.of(request, call.provider().seed());
    if (request.path("stream").asBoolean(false)) {
      CohereSimCompletion.Frames frames = completion.streamFrames();
      call.stream("text/event-stream", frames.frames(), frames.tokens());
    } else {
      call.respondJson(200, completion.document(), completion.outputTokens());
    }
  }

  private void embed(SimCall call) {
    if (!authorised(call)) {
      return;
    }
    JsonNode json = call.json();
    if (json == null || !json.path("texts").isArray() || !json.path("input_type").isTextual()) {
      call.respondError(400, error("invalid request: texts and input_type are required"));
      return;
    }
    ObjectNode document = Json.object();
    document.put("id", "sim-embed");
    ArrayNode floats = document.putObject("embeddings").putArray("float");
    long tokens = 0;
    for (JsonNode text : json.get("texts")) {
      ArrayNode values = floats.addArray();
      for (float v : SimVectors.embed(text.asText(), json.path("output_dimension").asInt(16),
          call.provider().seed())) {
        values.add(v);
      }
      tokens += SimAnswer.countTokens(text.asText());
    }
    document.set("texts", json.get("texts"));
    document.putObject("meta").putObject("billed_units").put("input_tokens", tokens);
    document.put("response_type", "embeddings_by_type");
    call.respondJson(200, document, 0);
  }
}
