package dev.switchboard.bench.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WorkloadTest {
  private static final List<String> MODELS = List.of("gpt-4o", "claude-3-5-sonnet", "gemini-1.5-pro");
  private static PromptPool pool;

  @BeforeAll
  static void loadRealData() {
    pool = PromptPool.load(PromptPool.defaultLocation());
  }

  @Test
  void load_sharedData_findsPromptsAndBothPairLabels() {
    assertThat(pool.prompts()).hasSizeGreaterThan(1_000);
    assertThat(pool.paraphrases()).hasSizeGreaterThan(100);
    assertThat(pool.hardNegatives()).hasSizeGreaterThan(100);
  }

  @Test
  void load_sharedData_everySentenceBelongsToOnePairOnly() {
    java.util.Map<String, Integer> seen = new java.util.HashMap<>();
    java.util.stream.Stream.concat(pool.paraphrases().stream(), pool.hardNegatives().stream()).forEach(pair -> {
      seen.merge(pair.first().toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " "), 1, Integer::sum);
      seen.merge(pair.second().toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " "), 1, Integer::sum);
    });
    assertThat(seen.values()).allMatch(count -> count == 1);
    assertThat(pool.hardNegatives()).hasSizeGreaterThan(100);
  }

  @Test
  void next_answeredAsSent_mixesHalfCacheableWithRepeatsOfAnsweredPromptsOnly() {
    Workload workload = new Workload(pool, MODELS, 7, 0.5, 0.2);
    Map<Workload.Kind, Integer> counts = new EnumMap<>(Workload.Kind.class);
    Set<String> answered = new HashSet<>();
    for (int i = 0; i < 20_000; i++) {
      Workload.Planned request = workload.next();
      counts.merge(request.kind(), 1, Integer::sum);
      String key = request.model() + "|" + request.system() + "|" + request.text();
      if (request.kind() == Workload.Kind.EXACT_REPEAT) {
        assertThat(answered).contains(key);
      }
      if (request.kind() == Workload.Kind.NEW) {
        answered.add(key);
      }
      workload.completed(request, true);
    }
    int cacheable = counts.getOrDefault(Workload.Kind.EXACT_REPEAT, 0)
        + counts.getOrDefault(Workload.Kind.PARAPHRASE, 0);
    assertThat(cacheable / 20_000.0).isBetween(0.47, 0.53);
    assertThat(counts.get(Workload.Kind.PARAPHRASE)).isPositive();
    assertThat(counts.get(Workload.Kind.HARD_NEGATIVE)).isPositive();
    assertThat(workload.rounds()).isGreaterThan(1);
  }

  @Test
  void next_nothingAnsweredYet_sendsOnlyNewPromptsAndCountsFallbacks() {
    Workload workload = new Workload(pool, MODELS, 7, 0.5, 0.2);
    List<Workload.Planned> sent = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      sent.add(workload.next());
    }
    assertThat(sent).allMatch(request -> request.kind() == Workload.Kind.NEW);
    assertThat(workload.fallbacks()).isPositive();
  }

  @Test
  void next_differentSeeds_neverShareASystemMessage() {
    Workload warmUp = new Workload(pool, java.util.List.of("gpt-4o"), 99, 0.5, 0.2);
    Workload measured = new Workload(pool, java.util.List.of("gpt-4o"), 0, 0.5, 0.2);
    assertThat(warmUp.next().system()).isNotEqualTo(measured.next().system());
  }

  @Test
  void next_sameSeed_sameSequence() {
    Workload first = new Workload(pool, MODELS, 11, 0.5, 0.2);
    Workload second = new Workload(pool, MODELS, 11, 0.5, 0.2);
    for (int i = 0; i < 500; i++) {
      Workload.Planned a = first.next();
      Workload.Planned b = second.next();
      assertThat(b).isEqualTo(a);
      first.completed(a, true);
      second.completed(b, true);
    }
  }

  @Test
  void partners_pairSources_keepTheModelAndSystemOfTheirFirstSentence() {
    Workload workload = new Workload(pool, MODELS, 3, 0.5, 1.0);
    Map<String, Workload.Planned> firsts = new java.util.HashMap<>();
    Map<String, List<String>> partnersOf = new java.util.HashMap<>();
    for (PromptPool.Pair pair : pool.paraphrases()) {
      partnersOf.computeIfAbsent(pair.second(), k -> new ArrayList<>()).add(pair.first());
    }
    for (PromptPool.Pair pair : pool.hardNegatives()) {
      partnersOf.computeIfAbsent(pair.second(), k -> new ArrayList<>()).add(pair.first());
    }
    for (int i = 0; i < 5_000; i++) {
      Workload.Planned request = workload.next();
      if (request.kind() == Workload.Kind.NEW) {
        firsts.put(request.text(), request);
      } else if (request.kind() == Workload.Kind.PARAPHRASE || request.kind() == Workload.Kind.HARD_NEGATIVE) {
        assertThat(partnersOf.get(request.text())).anySatisfy(firstText -> {
          Workload.Planned first = firsts.get(firstText);
          assertThat(first).isNotNull();
          assertThat(request.model()).isEqualTo(first.model());
          assertThat(request.system()).isEqualTo(first.system());
        });
      }
      workload.completed(request, true);
    }
  }
}
