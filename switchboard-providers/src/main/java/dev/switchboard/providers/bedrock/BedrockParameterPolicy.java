package dev.switchboard.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.spi.UpstreamException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What happens to each OpenAI chat parameter on Bedrock's Converse API. Pure. Every parameter is either
 * translated, dropped (and named in the {@value #DROPPED_HEADER} response header) or refused with a 400 naming
 * it; none is ignored silently. The table is documented in docs/providers.md.
 */
public final class BedrockParameterPolicy {
  /** Response header listing the parameters that were dropped, comma-separated. */
  public static final String DROPPED_HEADER = "x-switchboard-warning";

  /** Translated into the Converse request. */
  static final Set<String> TRANSLATED = Set.of("model", "messages", "max_tokens", "max_completion_tokens",
      "temperature", "top_p", "stop", "tools", "tool_choice", "stream", "stream_options");

  /** Sampling or bookkeeping hints Converse has no field for: dropped with a warning header. */
  static final Set<String> DROPPED = Set.of("presence_penalty", "frequency_penalty", "seed", "user", "metadata",
      "store", "service_tier", "reasoning_effort", "prediction", "web_search_options", "verbosity",
      "prompt_cache_key", "safety_identifier");

  private BedrockParameterPolicy() {}

  /**
   * Checks a request; returns the names of dropped parameters (in request order) or throws a 400
   * {@link UpstreamException} naming the first parameter that cannot be honoured.
   */
  public static List<String> check(ObjectNode request) {
    List<String> dropped = new ArrayList<>(2);
    for (Iterator<Map.Entry<String, JsonNode>> it = request.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      JsonNode value = field.getValue();
      if (value == null || value.isNull() || TRANSLATED.contains(name)) {
        continue;
      }
      refuseIfUnsupported(name, value);
      if (name.equals("parallel_tool_calls")) {
        if (!value.asBoolean(true)) {
          dropped.add(name);
        }
        continue;
      }
      if (name.equals("n") || name.equals("logprobs") || name.equals("top_logprobs")
          || name.equals("response_format") || name.equals("logit_bias")) {
        continue;
      }
      dropped.add(name);
    }
    if ("none".equals(request.path("tool_choice").asText(null)) && request.path("tools").size() > 0
        && hasToolHistory(request)) {
      dropped.add("tool_choice");
    }
    return dropped;
  }

  private static void refuseIfUnsupported(String name, JsonNode value) {
    switch (name) {
      case "n" -> {
        if (value.asInt(1) != 1) {
          throw unsupported(name, "Bedrock returns one choice per request; 'n' must be 1.");
        }
      }
      case "logprobs" -> {
        if (value.asBoolean(false)) {
          throw unsupported(name, "Bedrock's Converse API does not return log probabilities.");
        }
      }
      case "top_logprobs" -> {
        if (value.asInt(0) > 0) {
          throw unsupported(name, "Bedrock's Converse API does not return log probabilities.");
        }
      }
      case "logit_bias" -> {
        if (value.size() > 0) {
          throw unsupported(name, "Bedrock's Converse API does not support 'logit_bias'.");
        }
      }
      case "response_format" -> {
        String type = value.path("type").asText("text");
        if (!type.equals("text")) {
          throw unsupported(name, "Bedrock's Converse API cannot guarantee the response format '" + type
              + "'; describe the format in the prompt or use a tool instead.");
        }
      }
      case "modalities" -> {
        for (JsonNode modality : value) {
          if (!modality.asText().equals("text")) {
            throw unsupported(name, "Bedrock's Converse API answers with text only.");
          }
        }
      }
      case "audio", "functions", "function_call" -> throw unsupported(name,
          "The parameter '" + name + "' is not supported for Bedrock models.");
      default -> {
        // everything else is translated or dropped
      }
    }
  }

  /**
   * Converse has no "none" tool choice, and needs the tools declared when the conversation already holds tool
   * calls; in that case the choice cannot be enforced and is reported as dropped.
   */
  static boolean hasToolHistory(ObjectNode request) {
    for (JsonNode message : request.path("messages")) {
      if (message.path("role").asText().equals("tool") || message.path("tool_calls").size() > 0) {
        return true;
      }
    }
    return false;
  }

  private static UpstreamException unsupported(String param, String message) {
    return UpstreamException.invalidRequest(message, param, "unsupported_parameter");
  }
}
