package dev.switchboard.sim.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.ErrorBody;
import dev.switchboard.api.Json;
import dev.switchboard.sim.SimAnswer;
import dev.switchboard.sim.SimCall;
import dev.switchboard.sim.SimDialect;
import dev.switchboard.sim.SimRoute;
import dev.switchboard.sim.openai.OpenAiSimCompletion;
import dev.switchboard.sim.openai.SimVectors;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;

/**
 * Azure OpenAI: {@code POST /openai/deployments/{deployment}/chat/completions?api-version=...} and
 * {@code .../embeddings}, keyed by {@code api-key} (or an Entra bearer token). Answers are OpenAI's, with the
 * deployment as the model; streams open with a {@code prompt_filter_results} chunk. A last user message
 * containing {@value #BLOCKED_MARKER} is refused by the simulated content filter (400 {@code content_filter}).
 */
public final class AzureSimDialect implements SimDialect {
  static final String BLOCKED_MARKER = "[[blocked]]";
  private static final String PREFIX = "/openai/deployments/";

  @Override
  public String name() {
    return "azure";
  }

  @Override
  public SimRoute route(HttpMethod method, String path) {
    if (method != HttpMethod.POST || !path.startsWith(PREFIX)) {
      return null;
    }
    String rest = path.substring(PREFIX.length());
    int slash = rest.indexOf('/');
    if (slash <= 0) {
      return null;
    }
    String deployment = rest.substring(0, slash);
    return switch (rest.substring(slash)) {
      case "/chat/completions" -> call -> chat(call, deployment);
      case "/embeddings" -> call -> embeddings(call, deployment);
      default -> null;
    };
  }

  @Override
  public JsonNode errorBody(int status, String message) {
    ObjectNode body = Json.object();
    body.putObject("error").put("code", Integer.toString(status)).put("message", message);
    return body;
  }

  private boolean accepted(SimCall call) {
    if (call.request().getParam("api-version") == null) {
      call.respondError(404, errorBody(404, "Resource not found"));
      return false;
    }
    String key = call.header("api-key");
    String authorization = call.header("authorization");
    if (key == null && authorization != null && authorization.startsWith("Bearer ")) {
      key = authorization.substring(7);
    }
    if (key == null || key.isBlank() || call.provider().requiredKey() != null
        && !call.provider().requiredKey().equals(key)) {
      ObjectNode body = Json.object().put("statusCode", 401).put("message", "Access denied due to invalid "
          + "subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription "
          + "and use a correct regional API endpoint for your resource.");
      call.respondError(401, body);
      return false;
    }
    return true;
  }

  private void chat(SimCall call, String deployment) {
    if (!accepted(call)) {
      return;
    }
    JsonNode json = call.json();
    if (!(json instanceof ObjectNode request) || !request.path("messages").isArray()) {
      call.respondError(400, ErrorBody.of("'messages' is a required property", "invalid_request_error",
          "messages", null));
      return;
    }
    if (lastUserText(request).contains(BLOCKED_MARKER)) {
      call.respondError(400, contentFilterError());
      return;
    }
    request.put("model", deployment);
    OpenAiSimCompletion completion = OpenAiSimCompletion.of(request, call.provider().seed());
    if (request.path("stream").asBoolean(false)) {
      boolean usage = request.path("stream_options").path("include_usage").asBoolean(false);
      OpenAiSimCompletion.Frames frames = completion.streamFrames(usage);
      List<Buffer> withFilter = new ArrayList<>(frames.frames().size() + 1);
      List<Integer> tokens = new ArrayList<>(frames.tokens().size() + 1);
      withFilter.add(Buffer.buffer("data: ").appendBytes(Json.write(promptFilterChunk())).appendString("\n\n"));
      tokens.add(0);
      withFilter.addAll(frames.frames());
      tokens.addAll(frames.tokens());
      call.stream("text/event-stream", withFilter, tokens);
    } else {
      ObjectNode document = completion.document();
      document.set("prompt_filter_results", promptFilterChunk().get("prompt_filter_results"));
      call.respondJson(200, document, completion.outputTokens());
    }
  }

  private static String lastUserText(ObjectNode request) {
    String text = "";
    for (JsonNode message : request.path("messages")) {
      if ("user".equals(message.path("role").asText())) {
        text = message.path("content").isTextual() ? message.path("content").asText()
            : message.path("content").toString();
      }
    }
    return text;
  }

  private static ObjectNode promptFilterChunk() {
    ObjectNode chunk = Json.object();
    chunk.putArray("choices");
    chunk.put("created", 0).put("id", "").put("model", "").put("object", "");
    ObjectNode result = chunk.putArray("prompt_filter_results").addObject();
    result.put("prompt_index", 0);
    ObjectNode filters = result.putObject("content_filter_results");
    for (String category : new String[] {"hate", "self_harm", "sexual", "violence"}) {
      filters.putObject(category).put("filtered", false).put("severity", "safe");
    }
    return chunk;
  }

  private static ObjectNode contentFilterError() {
    ObjectNode body = Json.object();
    ObjectNode error = body.putObject("error");
    error.put("message", "The response was filtered due to the prompt triggering Azure OpenAI's content "
        + "management policy. Please modify your prompt and retry.");
    error.putNull("type");
    error.put("param", "prompt");
    error.put("code", "content_filter");
    error.put("status", 400);
    ObjectNode inner = error.putObject("innererror");
    inner.put("code", "ResponsibleAIPolicyViolation");
    inner.putObject("content_filter_result").putObject("violence").put("filtered", true).put("severity", "high");
    return body;
  }

  private void embeddings(SimCall call, String deployment) {
    if (!accepted(call)) {
      return;
    }
    JsonNode json = call.json();
    if (json == null || json.path("input").isMissingNode()) {
      call.respondError(400, ErrorBody.of("'input' is a required property", "invalid_request_error", "input", null));
      return;
    }
    List<String> texts = new ArrayList<>();
    JsonNode input = json.get("input");
    if (input.isTextual()) {
      texts.add(input.textValue());
    } else {
      input.forEach(item -> texts.add(item.asText()));
    }
    ObjectNode document = Json.object().put("object", "list");
    ArrayNode data = document.putArray("data");
    long tokens = 0;
    for (int i = 0; i < texts.size(); i++) {
      ArrayNode values = data.addObject().put("object", "embedding").put("index", i).putArray("embedding");
      for (float v : SimVectors.embed(texts.get(i), json.path("dimensions").asInt(16), call.provider().seed())) {
        values.add(v);
      }
      tokens += SimAnswer.countTokens(texts.get(i));
    }
    document.put("model", deployment);
    document.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
    call.respondJson(200, document, 0);
  }
}
