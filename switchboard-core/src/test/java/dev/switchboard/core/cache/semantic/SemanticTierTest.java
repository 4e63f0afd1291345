package dev.switchboard.core.cache.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.cache.SemanticTier;
import dev.switchboard.core.config.SemanticCacheConfig;
import dev.switchboard.core.time.ManualClock;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SemanticTierTest {
  private static final Embedder EMBEDDER = new MiniLmEmbedder();
  private static Vertx vertx;
  private static final ManualClock CLOCK = new ManualClock();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private static LocalSemanticTier tier() {
    return new LocalSemanticTier(SemanticCacheConfig.defaults().withEnabled(true), EMBEDDER, vertx, CLOCK);
  }

  private static void remember(LocalSemanticTier tier, String context, String prompt, String key) throws Exception {
    int before = tier.index().size();
    tier.remember(context, prompt, key, 60);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (tier.index().size() == before && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  private static SemanticTier.Match find(LocalSemanticTier tier, String context, String prompt) throws Exception {
    return tier.find(context, prompt).toCompletionStage().toCompletableFuture().get();
  }

  @Test
  void paraphrase_sameContext_matches() throws Exception {
    LocalSemanticTier tier = tier();
    remember(tier, "ctx", "How do I reverse a list in Python?", "k1");
    SemanticTier.Match match = find(tier, "ctx", "How can I reverse a list in Python?");
    assertThat(match).isNotNull();
    assertThat(match.exactKey()).isEqualTo("k1");
    assertThat(match.similarity()).isGreaterThanOrEqualTo(0.90);
  }

  @Test
  void paraphrase_otherContext_noMatch() throws Exception {
    LocalSemanticTier tier = tier();
    remember(tier, "ctx", "How do I reverse a list in Python?", "k1");
    assertThat(find(tier, "other", "How can I reverse a list in Python?")).isNull();
  }

  @Test
  void swappedCurrencies_highCosine_guardRejects() throws Exception {
    LocalSemanticTier tier = tier();
    remember(tier, "ctx", "Convert 100 USD to EUR", "k1");
    assertThat(Vectors.dot(EMBEDDER.embed("Convert 100 USD to EUR"), EMBEDDER.embed("Convert 100 EUR to USD")))
        .isGreaterThan(0.9f);
    assertThat(find(tier, "ctx", "Convert 100 EUR to USD")).isNull();
    assertThat(find(tier, "ctx", "Convert 200 USD to EUR")).isNull();
    assertThat(find(tier, "ctx", "Convert 100 USD to EUR, please")).isNotNull();
  }

  @Test
  void lookups_candidatesFailTheGuards_modelNeverRuns() throws Exception {
    LocalSemanticTier tier = tier();
    remember(tier, "ctx", "Convert 100 USD to EUR", "k1");
    assertThat(tier.statsJson().get("embeddings").asLong()).as("storing does not embed").isZero();
    assertThat(find(tier, "ctx", "Convert 100 EUR to USD")).isNull();
    assertThat(find(tier, "ctx", "Explain how a hash map works")).isNull();
    assertThat(tier.statsJson().get("embeddings").asLong()).as("swap and stranger rejected before the model")
        .isZero();
    assertThat(tier.statsJson().get("guard_rejections").asLong()).isEqualTo(1);
    assertThat(find(tier, "ctx", "Convert 100 USD to EUR, please")).isNotNull();
    assertThat(tier.statsJson().get("embeddings").asLong()).as("the query and, once, the stored prompt")
        .isEqualTo(2);
    assertThat(find(tier, "ctx", "Please convert 100 USD to EUR")).isNotNull();
    assertThat(tier.statsJson().get("embeddings").asLong()).isEqualTo(3);
  }

  @Test
  void largeContext_longPostingLists_lookupRunsOffTheCallerAndStillMatches() throws Exception {
    LocalSemanticTier tier = tier();
    long expires = CLOCK.epochMillis() + 60_000;
    for (int i = 0; i < 3_000; i++) {
      tier.index("ctx", "k" + i, "Explain topic " + i + " in simple words", null, expires);
    }
    assertThat(tier.index().postings("ctx", LexicalGate.stems(PromptFeatures.of("Explain topic 17 in simple words"))))
        .isGreaterThan(LocalSemanticTier.EVENT_LOOP_POSTINGS);
    SemanticTier.Match match = find(tier, "ctx", "Explain topic 17  in simple words");
    assertThat(match).isNotNull();
    assertThat(match.exactKey()).isEqualTo("k17");
    assertThat(find(tier, "ctx", "Explain topic 3001 in simple words")).isNull();
  }

  @Test
  void negation_added_guardRejects() throws Exception {
    LocalSemanticTier tier = tier();
    remember(tier, "ctx", "Is it safe to eat raw chicken?", "k1");
    assertThat(find(tier, "ctx", "Is it not safe to eat raw chicken?")).isNull();
  }

  @Test
  void expiredEntry_injectedClock_noMatch() throws Exception {
    LocalSemanticTier tier = tier();
    remember(tier, "ctx", "How do I reverse a list in Python?", "k1");
    CLOCK.advance(Duration.ofSeconds(61));
    assertThat(find(tier, "ctx", "How can I reverse a list in Python?")).isNull();
  }

  @Test
  void eligibility_temperatureToolsAndOptIn() {
    LocalSemanticTier tier = tier();
    ObjectNode cold = Json.object().put("temperature", 0.0);
    ObjectNode hot = Json.object().put("temperature", 0.9);
    ObjectNode unset = Json.object();
    ObjectNode tools = Json.object().put("temperature", 0.0);
    tools.putArray("tools").addObject().put("type", "function");
    assertThat(tier.eligible(cold, false)).isTrue();
    assertThat(tier.eligible(hot, false)).isFalse();
    assertThat(tier.eligible(unset, false)).isFalse();
    assertThat(tier.eligible(hot, true)).isTrue();
    assertThat(tier.eligible(tools, false)).isFalse();
    LocalSemanticTier off = new LocalSemanticTier(SemanticCacheConfig.defaults(), EMBEDDER, vertx, CLOCK);
    assertThat(off.eligible(cold, true)).isFalse();
  }
}
