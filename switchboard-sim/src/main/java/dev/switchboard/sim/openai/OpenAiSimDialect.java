package dev.switchboard.sim.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.ErrorBody;
import dev.switchboard.api.Json;
import dev.switchboard.sim.SimCall;
import dev.switchboard.sim.SimDialect;
import dev.switchboard.sim.SimRoute;
import io.vertx.core.http.HttpMethod;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;

/** OpenAI's API: {@code /v1/chat/completions} (streamed or not, with tools), {@code /v1/embeddings}, models. */
public final class OpenAiSimDialect implements SimDialect {
  static final List<String> MODELS = List.of("gpt-4o", "gpt-4o-mini", "gpt-4.1", "o3-mini", "text-embedding-3-small");

  @Override
  public String name() {
    return "openai";
  }

  @Override
  public SimRoute route(HttpMethod method, String path) {
    String p = path.startsWith("/v1/") ? path.substring(3) : path;
    if (method == HttpMethod.POST && p.equals("/chat/completions")) {
      return this::chat;
    }
    if (method == HttpMethod.POST && p.equals("/embeddings")) {
      return this::embeddings;
    }
    if (method == HttpMethod.GET && p.equals("/models")) {
      return this::models;
    }
    return null;
  }

  static boolean authorised(SimCall call) {
    String authorization = call.header("authorization");
    String key = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
    if (key == null || key.isBlank()) {
      call.respondError(401, ErrorBody.of("You didn't provide an API key.", "invalid_request_error", null,
          "invalid_api_key"));
      return false;
    }
    if (call.provider().requiredKey() != null && !call.provider().requiredKey().equals(key)) {
      call.respondError(401, ErrorBody.of("Incorrect API key provided.", "invalid_request_error", null,
          "invalid_api_key"));
      return false;
    }
    return true;
  }

  private void chat(SimCall call) {
    if (!authorised(call)) {
      return;
    }
    JsonNode json = call.json();
    if (!(json instanceof ObjectNode request)) {
      call.respondError(400, ErrorBody.of("We could not parse the JSON body of your request.",
          "invalid_request_error", null, null));
      return;
    }
    if (!request.path("model").isTextual() || !request.path("messages").isArray()) {
      call.respondError(400, ErrorBody.of("'model' and 'messages' are required.", "invalid_request_error",
          request.path("model").isTextual() ? "messages" : "model", null));
      return;
    }
    OpenAiSimCompletion completion = OpenAiSimCompletion.of(request, call.provider().seed());
    if (request.path("stream").asBoolean(false)) {
      boolean usage = request.path("stream_options").path("include_usage").asBoolean(false);
      OpenAiSimCompletion.Frames frames = completion.streamFrames(usage);
      call.stream("text/event-stream", frames.frames(), frames.tokens());
    } else {
      call.respondJson(200, completion.document(), completion.outputTokens());
    }
  }

  private void embeddings(SimCall call) {
    if (!authorised(call)) {
      return;
    }
    JsonNode json = call.json();
    if (json == null || !json.path("model").isTextual() || json.path("input").isMissingNode()) {
      call.respondError(400, ErrorBody.of("'model' and 'input' are required.", "invalid_request_error", "input",
          null));
      return;
    }
    JsonNode input = json.get("input");
    List<String> texts = new java.util.ArrayList<>();
    if (input.isTextual()) {
      texts.add(input.textValue());
    } else {
      input.forEach(item -> texts.add(item.isTextual() ? item.textValue() : item.toString()));
    }
    int dimensions = json.path("dimensions").asInt(16);
    boolean base64 = "base64".equals(json.path("encoding_format").asText("float"));
    ObjectNode document = Json.object();
    document.put("object", "list");
    ArrayNode data = document.putArray("data");
    long tokens = 0;
    for (int i = 0; i < texts.size(); i++) {
      float[] vector = SimVectors.embed(texts.get(i), dimensions, call.provider().seed());
      tokens += dev.switchboard.sim.SimAnswer.countTokens(texts.get(i));
      ObjectNode item = data.addObject();
      item.put("object", "embedding");
      item.put("index", i);
      if (base64) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : vector) {
          bytes.putFloat(v);
        }
        item.put("embedding", Base64.getEncoder().encodeToString(bytes.array()));
      } else {
        ArrayNode values = item.putArray("embedding");
        for (float v : vector) {
          values.add(v);
        }
      }
    }
    document.put("model", json.get("model").asText());
    ObjectNode usage = document.putObject("usage");
    usage.put("prompt_tokens", tokens);
    usage.put("total_tokens", tokens);
    call.respondJson(200, document, 0);
  }

  private void models(SimCall call) {
    if (!authorised(call)) {
      return;
    }
    ObjectNode document = Json.object();
    document.put("object", "list");
    ArrayNode data = document.putArray("data");
    for (String model : MODELS) {
      ObjectNode entry = data.addObject();
      entry.put("id", model);
      entry.put("object", "model");
      entry.put("created", 1_700_000_000L);
      entry.put("owned_by", "switchboard-sim");
    }
    call.respondJson(200, document, 0);
  }
}
