package dev.switchboard.sim.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.providers.bedrock.AwsCredentials;
import dev.switchboard.sim.SimCall;
import dev.switchboard.sim.SimDialect;
import dev.switchboard.sim.SimRoute;
import io.vertx.core.http.HttpMethod;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Amazon Bedrock's Converse API: {@code POST /model/{modelId}/converse} and {@code /model/{modelId}/converse-stream}
 * (AWS event-stream framing), SigV4-verified against one fixed key pair. Errors have Bedrock's shape: the exception
 * name in {@code x-amzn-errortype} and {@code {"message": ...}} as the body.
 */
public final class BedrockSimDialect implements SimDialect {
  /** The access key the simulator accepts (safe to publish: it only opens the simulator). */
  public static final String TEST_ACCESS_KEY_ID = "AKIDSWITCHBOARDSIM";
  /** The secret the simulator signs with. */
  public static final String TEST_SECRET_ACCESS_KEY = "switchboard-sim-secret-access-key";
  static final String ERROR_TYPE_HEADER = "x-amzn-errortype";

  private final BedrockSimAuth auth;

  public BedrockSimDialect(String accessKeyId, String secretAccessKey) {
    this.auth = new BedrockSimAuth(new AwsCredentials(accessKeyId, secretAccessKey, null));
  }

  public BedrockSimDialect() {
    this(TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY);
  }

  @Override
  public String name() {
    return "bedrock";
  }

  @Override
  public SimRoute route(HttpMethod method, String path) {
    if (method != HttpMethod.POST || !path.startsWith("/model/")) {
      return null;
    }
    if (path.endsWith("/converse-stream")) {
      String model = path.substring("/model/".length(), path.length() - "/converse-stream".length());
      return call -> converse(call, decode(model), true);
    }
    if (path.endsWith("/converse")) {
      String model = path.substring("/model/".length(), path.length() - "/converse".length());
      return call -> converse(call, decode(model), false);
    }
    return null;
  }

  @Override
  public JsonNode errorBody(int status, String message) {
    return Json.object().put("message", message);
  }

  @Override
  public Map<String, String> errorHeaders(int status) {
    return Map.of(ERROR_TYPE_HEADER, exceptionFor(status));
  }

  static String exceptionFor(int status) {
    return switch (status) {
      case 400 -> "ValidationException";
      case 403 -> "AccessDeniedException";
      case 404 -> "ResourceNotFoundException";
      case 408 -> "ModelTimeoutException";
      case 424 -> "ModelErrorException";
      case 429 -> "ThrottlingException";
      case 503 -> "ServiceUnavailableException";
      default -> "InternalServerException";
    };
  }

  private void converse(SimCall call, String modelId, boolean stream) {
    BedrockSimAuth.Refusal refusal = auth.check(call.request(), call.body());
    if (refusal != null) {
      error(call, 403, refusal.exception(), refusal.message());
      return;
    }
    JsonNode json = call.json();
    if (!(json instanceof ObjectNode request) || !request.path("messages").isArray()
        || request.path("messages").isEmpty() || modelId.isEmpty()) {
      error(call, 400, "ValidationException", "The provided request is not valid: 'messages' is required.");
      return;
    }
    BedrockSimConversation conversation = BedrockSimConversation.of(modelId, request, call.provider().seed());
    if (stream) {
      BedrockSimConversation.Frames frames = conversation.frames();
      call.stream("application/vnd.amazon.eventstream", frames.frames(), frames.tokens());
    } else {
      call.respondJson(200, conversation.document(0), conversation.outputTokens());
    }
  }

  private static void error(SimCall call, int status, String exception, String message) {
    call.request().response().putHeader(ERROR_TYPE_HEADER, exception);
    call.respondError(status, Json.object().put("message", message));
  }

  private static String decode(String segment) {
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
