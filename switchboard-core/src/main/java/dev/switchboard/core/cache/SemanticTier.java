package dev.switchboard.core.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;

/**
 * Finds a cached answer to a differently worded but equivalent last user message. The answers themselves stay in
 * the exact tiers; the semantic tier maps prompts to exact keys.
 */
public interface SemanticTier {
  /** A match: the exact key holding the answer and how similar the prompts were. */
  record Match(String exactKey, double similarity) {}

  /** Whether a request may use the semantic tier at all (cheap; runs on the event loop). */
  boolean eligible(ObjectNode body, boolean optedIn);

  /** Looks for a match among prompts with the same context; yields null when none is safe. Never fails. */
  Future<Match> find(String contextHash, String prompt);

  /** Indexes a stored answer's prompt (and shares it with the other nodes). */
  void remember(String contextHash, String prompt, String exactKey, long ttlSeconds);

  /** The statistics of the tier, for /admin/cache. */
  ObjectNode statsJson();

  /** A tier that never matches. */
  SemanticTier NONE = new SemanticTier() {
    @Override
    public boolean eligible(ObjectNode body, boolean optedIn) {
      return false;
    }

    @Override
    public Future<Match> find(String contextHash, String prompt) {
      return Future.succeededFuture(null);
    }

    @Override
    public void remember(String contextHash, String prompt, String exactKey, long ttlSeconds) {}

    @Override
    public ObjectNode statsJson() {
      return dev.switchboard.api.Json.object().put("enabled", false);
    }
  };
}
