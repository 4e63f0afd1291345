package dev.switchboard.core.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts tokens when a provider reports none (some streams). OpenAI's newer models use o200k_base, older ones
 * cl100k_base; other families are approximated with cl100k_base. Results are always marked as estimates.
 * Thread-safe; create one and share it (loading the vocabularies takes a while).
 */
public final class TokenEstimator {
  /** Per-message framing tokens in OpenAI's chat format, and the tokens that prime the reply. */
  private static final int PER_MESSAGE = 3;
  private static final int REPLY_PRIMING = 3;

  private final Encoding o200k;
  private final Encoding cl100k;

  public TokenEstimator() {
    EncodingRegistry registry = Encodings.newLazyEncodingRegistry();
    this.o200k = registry.getEncoding(EncodingType.O200K_BASE);
    this.cl100k = registry.getEncoding(EncodingType.CL100K_BASE);
  }

  /** The encoding used for {@code model}'s family. */
  Encoding encodingFor(String model) {
    if (model == null) {
      return cl100k;
    }
    String m = model.startsWith("openai/") ? model.substring("openai/".length()) : model;
    if (m.startsWith("gpt-4o") || m.startsWith("gpt-4.1") || m.startsWith("gpt-5") || m.startsWith("o1")
        || m.startsWith("o3") || m.startsWith("o4") || m.startsWith("gpt-oss")) {
      return o200k;
    }
    return cl100k;
  }

  public int count(String model, String text) {
    return text == null || text.isEmpty() ? 0 : encodingFor(model).countTokensOrdinary(text);
  }

  /** Prompt tokens of an OpenAI chat request (messages, their names and tool definitions). */
  public long promptTokens(String model, JsonNode request) {
    Encoding encoding = encodingFor(model);
    long tokens = REPLY_PRIMING;
    for (JsonNode message : request.path("messages")) {
      tokens += PER_MESSAGE;
      tokens += countText(encoding, message.path("role").asText(""));
      tokens += countContent(encoding, message.get("content"));
      JsonNode name = message.get("name");
      if (name != null && name.isTextual()) {
        tokens += 1 + encoding.countTokensOrdinary(name.textValue());
      }
      JsonNode toolCalls = message.get("tool_calls");
      if (toolCalls != null && toolCalls.isArray()) {
        tokens += encoding.countTokensOrdinary(toolCalls.toString());
      }
    }
    JsonNode tools = request.get("tools");
    if (tools != null && tools.isArray() && tools.size() > 0) {
      tokens += encoding.countTokensOrdinary(tools.toString());
    }
    JsonNode input = request.get("input");
    if (input != null) {
      tokens += countContent(encoding, input);
    }
    return tokens;
  }

  /** Completion tokens of a non-streamed OpenAI chat response (text and tool calls of every choice). */
  public long completionTokens(String model, JsonNode response) {
    Encoding encoding = encodingFor(model);
    long tokens = 0;
    for (JsonNode choice : response.path("choices")) {
      JsonNode message = choice.path("message");
      tokens += countContent(encoding, message.get("content"));
      JsonNode toolCalls = message.get("tool_calls");
      if (toolCalls != null && toolCalls.isArray()) {
        tokens += encoding.countTokensOrdinary(toolCalls.toString());
      }
    }
    return tokens;
  }

  private static long countContent(Encoding encoding, JsonNode content) {
    if (content == null || content.isNull()) {
      return 0;
    }
    if (content.isTextual()) {
      return encoding.countTokensOrdinary(content.textValue());
    }
    long tokens = 0;
    if (content.isArray()) {
      for (JsonNode part : content) {
        if (part.isTextual()) {
          tokens += encoding.countTokensOrdinary(part.textValue());
        } else if (part.path("text").isTextual()) {
          tokens += encoding.countTokensOrdinary(part.path("text").textValue());
        }
      }
    }
    return tokens;
  }

  private static long countText(Encoding encoding, String text) {
    return text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
  }
}
