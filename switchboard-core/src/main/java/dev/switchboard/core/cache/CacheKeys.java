package dev.switchboard.core.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * Computes cache keys. The exact key hashes every request field that can change the answer (model, messages,
 * tools, tool_choice, response_format, sampling parameters, seed, stop, n, and any provider-specific extra),
 * scoped by the tenant, the cache namespace and the guard policy in force. Only fields known not to change the
 * answer are left out, so an unknown extra always makes the key more specific, never less.
 *
 * <p>The context hash (for the semantic tier) is the same over everything except the last user message.
 */
public final class CacheKeys {
  /** Request fields that never change the content of the answer. */
  static final Set<String> NOT_ANSWER_CHANGING = Set.of(
      "stream", "stream_options", "user", "metadata", "store", "service_tier", "safety_identifier",
      "prompt_cache_key", "prompt_cache_retention");

  private static final Set<String> CONTEXT_SKIP;

  static {
    java.util.HashSet<String> skip = new java.util.HashSet<>(NOT_ANSWER_CHANGING);
    skip.add("messages");
    CONTEXT_SKIP = Set.copyOf(skip);
  }

  private final ThreadLocal<CanonicalHasher> hashers = ThreadLocal.withInitial(CanonicalHasher::new);

  /** The exact key: {@code <scope>:<sha-256 hex>}. */
  public String exactKey(CacheScope scope, ObjectNode body) {
    CanonicalHasher hasher = hashers.get().reset();
    hasher.string("exact/1").string(scope.tenant()).string(scope.namespace()).string(scope.policy());
    hasher.object(body, NOT_ANSWER_CHANGING);
    return scope.prefix() + hasher.hex();
  }

  /**
   * The context hash for the semantic tier: every answer-changing field and every message except the last one,
   * which must be a user message with plain-text content. Null when the request has no such last message.
   */
  public String contextHash(CacheScope scope, ObjectNode body) {
    JsonNode messages = body.get("messages");
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      return null;
    }
    if (lastUserText(body) == null) {
      return null;
    }
    CanonicalHasher hasher = hashers.get().reset();
    hasher.string("context/1").string(scope.tenant()).string(scope.namespace()).string(scope.policy());
    hasher.object(body, CONTEXT_SKIP);
    for (int i = 0; i < messages.size() - 1; i++) {
      hasher.value(messages.get(i));
    }
    hasher.value(messages.get(messages.size() - 1).get("name"));
    return hasher.hex();
  }

  /** The text of the last message when it is a user message with string (or text-parts) content, else null. */
  public static String lastUserText(ObjectNode body) {
    JsonNode messages = body.get("messages");
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      return null;
    }
    JsonNode last = messages.get(messages.size() - 1);
    if (!"user".equals(last.path("role").asText())) {
      return null;
    }
    JsonNode content = last.get("content");
    if (content != null && content.isTextual()) {
      return content.textValue();
    }
    if (content == null || !content.isArray()) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode part : content) {
      if (!"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
        return null;
      }
      if (text.length() > 0) {
        text.append('\n');
      }
      text.append(part.get("text").textValue());
    }
    return text.toString();
  }
}
