package dev.switchboard.core.cache.semantic;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that go beyond cosine similarity: two prompts may share an answer only if they have the same numbers in
 * the same order, the same count of negations, the same named entities in the same relative order, and no shared
 * content word governed by different relation words ("from Paris to Rome" is not "from Rome to Paris").
 */
final class PromptGuards {
  /** Which checks run (each can be switched off for evaluation). */
  record Checks(boolean numbers, boolean negation, boolean entities, boolean entityOrder, boolean relations,
      boolean wordOrder) {
    static final Checks ALL = new Checks(true, true, true, true, true, true);
    static final Checks NONE = new Checks(false, false, false, false, false, false);
  }

  private PromptGuards() {}

  /** Why the two prompts must not share an answer, or null when every check passes. */
  static String rejection(PromptFeatures a, PromptFeatures b, Checks checks) {
    if (checks.numbers() && !a.numbers.equals(b.numbers)) {
      return "numbers";
    }
    if (checks.negation() && a.negations != b.negations) {
      return "negation";
    }
    if (checks.entities() && !new HashSet<>(a.entities).equals(new HashSet<>(b.entities))) {
      return "entities";
    }
    if (checks.entityOrder() && !sharedInSameOrder(a.entities, b.entities)) {
      return "entity-order";
    }
    if (checks.relations() && conflictingGovernors(a.governors, b.governors)) {
      return "relations";
    }
    if (checks.wordOrder() && !sameOrderUpToRotation(LexicalGate.contentStems(a), LexicalGate.contentStems(b))) {
      return "word-order";
    }
    return null;
  }

  /**
   * Whether the content words both prompts use appear in the same relative order, allowing one rotation (a clause
   * moved from the front to the back: "In 1990 the club was founded" / "The club was founded in 1990"). Swapped
   * words ("the original version in favour of the mild edition" / "the mild version in favour of the original
   * edition") fail.
   */
  static boolean sameOrderUpToRotation(List<String> a, List<String> b) {
    List<String> shared = firstOccurrences(a, new HashSet<>(b));
    List<String> other = firstOccurrences(b, new HashSet<>(shared));
    int n = shared.size();
    if (n < 2 || shared.equals(other)) {
      return true;
    }
    int start = other.indexOf(shared.get(0));
    for (int i = 0; i < n; i++) {
      if (!shared.get(i).equals(other.get((start + i) % n))) {
        return false;
      }
    }
    return true;
  }

  private static boolean sharedInSameOrder(List<String> a, List<String> b) {
    Set<String> shared = new HashSet<>(a);
    shared.retainAll(new HashSet<>(b));
    return firstOccurrences(a, shared).equals(firstOccurrences(b, shared));
  }

  private static List<String> firstOccurrences(List<String> list, Set<String> keep) {
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String s : list) {
      if (keep.contains(s) && seen.add(s)) {
        out.add(s);
      }
    }
    return out;
  }

  private static boolean conflictingGovernors(Map<String, String> a, Map<String, String> b) {
    for (Map.Entry<String, String> entry : a.entrySet()) {
      String other = b.get(entry.getKey());
      if (other != null && !other.equals(entry.getValue())) {
        return true;
      }
    }
    return false;
  }
}
