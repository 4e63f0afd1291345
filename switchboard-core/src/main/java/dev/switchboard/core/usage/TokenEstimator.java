package dev.switchboard.core.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Counts tokens when a provider reports none (some streams). OpenAI's newer models use o200k_base, older ones
 * cl100k_base; other families are approximated with cl100k_base. Results are always marked as estimates.
 * Thread-safe; create one and share it. The vocabularies load on a background thread (seconds of CPU) the first
 * time a count is needed, since most providers report usage themselves; until they are ready, counts fall back
 * to one token per four characters.
 */
public final class TokenEstimator {
  /** Per-message framing tokens in OpenAI's chat format, and the tokens that prime the reply. */
  private static final int PER_MESSAGE = 3;
  private static final int REPLY_PRIMING = 3;

  private final CountDownLatch loaded = new CountDownLatch(1);
  private volatile Encoding o200k;
  private volatile Encoding cl100k;

  private final java.util.concurrent.atomic.AtomicBoolean loading = new java.util.concurrent.atomic.AtomicBoolean();

  /** Starts loading the vocabularies in the background; called on first need, or early by whoever wants them. */
  public void preload() {
    if (loading.compareAndSet(false, true)) {
      Thread loader = new Thread(this::load, "switchboard-tokenizer-load");
      loader.setDaemon(true);
      loader.start();
    }
  }

  private void load() {
    try {
      EncodingRegistry registry = Encodings.newLazyEncodingRegistry();
      cl100k = registry.getEncoding(EncodingType.CL100K_BASE);
      o200k = registry.getEncoding(EncodingType.O200K_BASE);
    } finally {
      loaded.countDown();
    }
  }

  /** Starts loading if needed and waits (bounded) for the vocabularies; true when they are loaded. */
  public boolean awaitLoaded(long timeoutMillis) throws InterruptedException {
    preload();
    return loaded.await(timeoutMillis, TimeUnit.MILLISECONDS) && o200k != null;
  }

  /** The encoding used for {@code model}'s family. */
  Counter encodingFor(String model) {
    Encoding o200kBase = o200k;
    Encoding cl100kBase = cl100k;
    if (o200kBase == null || cl100kBase == null) {
      preload();
      return Counter.APPROXIMATE;
    }
    if (model == null) {
      return Counter.of(cl100kBase);
    }
    String m = model.startsWith("openai/") ? model.substring("openai/".length()) : model;
    if (m.startsWith("gpt-4o") || m.startsWith("gpt-4.1") || m.startsWith("gpt-5") || m.startsWith("o1")
        || m.startsWith("o3") || m.startsWith("o4") || m.startsWith("gpt-oss")) {
      return Counter.of(o200kBase);
    }
    return Counter.of(cl100kBase);
  }

  /** Counts the tokens of a text in one encoding. */
  interface Counter {
    Counter APPROXIMATE = new Counter() {
      @Override
      public int countTokensOrdinary(String text) {
        return (text.length() + 3) / 4;
      }

      @Override
      public String getName() {
        return "approximate";
      }
    };

    int countTokensOrdinary(String text);

    String getName();

    static Counter of(Encoding encoding) {
      return new Counter() {
        @Override
        public int countTokensOrdinary(String text) {
          return encoding.countTokensOrdinary(text);
        }

        @Override
        public String getName() {
          return encoding.getName();
        }
      };
    }
  }

  public int count(String model, String text) {
    return text == null || text.isEmpty() ? 0 : encodingFor(model).countTokensOrdinary(text);
  }

  /** Prompt tokens of an OpenAI chat request (messages, their names and tool definitions). */
  public long promptTokens(String model, JsonNode request) {
    Counter encoding = encodingFor(model);
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
    Counter encoding = encodingFor(model);
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

  private static long countContent(Counter encoding, JsonNode content) {
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

  private static long countText(Counter encoding, String text) {
    return text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
  }
}
