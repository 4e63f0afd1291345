package dev.switchboard.core.cache.semantic;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that go beyond cosine similarity: two prompts may share an answer only if they have the same numbers in
 * the same order, the same count of negations, the same named entities in the same relative order (up to one
 * rotation, like the other content words), and no shared content word governed by different relation words
 * ("from Paris to Rome" is not "from Rome to Paris"). A name is a name in both prompts wherever it is written as one
 * in either: "Dalmatian runs" and "A Dalmatian runs", or a sentence in capitals, name the same things. Names are
 * counted: "a canal near Hollinwood" that loses its second "Hollinwood" has lost a place.
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
    if (checks.entities() || checks.entityOrder()) {
      Set<String> names = new HashSet<>(a.entities);
      names.addAll(b.entities);
      List<String> inA = occurrences(a.words, names);
      List<String> inB = occurrences(b.words, names);
      if (checks.entities() && !(inA.size() == inB.size() && sameCounts(inA, inB))) {
        return "entities";
      }
      if (checks.entityOrder() && !sameOrderUpToRotation(inA, inB)) {
        return "entity-order";
      }
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
    Set<String> inBoth = new HashSet<>(a);
    inBoth.retainAll(new HashSet<>(b));
    List<String> everyA = occurrencesOf(a, inBoth);
    List<String> everyB = occurrencesOf(b, inBoth);
    if (everyA.size() == everyB.size() && sameCounts(everyA, everyB)) {
      // Each shared word occurs as often in both: every occurrence must keep its place ("beating X, playing Y"
      // is not "playing X, beating Y" even though "beating" comes first in both).
      return isRotation(everyA, everyB);
    }
    return isRotation(firstOccurrences(a, inBoth), firstOccurrences(b, inBoth));
  }

  private static boolean isRotation(List<String> shared, List<String> other) {
    int n = shared.size();
    if (n < 2 || shared.equals(other)) {
      return true;
    }
    for (int start = 0; start < n; start++) {
      if (!other.get(start).equals(shared.get(0))) {
        continue;
      }
      boolean same = true;
      for (int i = 1; i < n && same; i++) {
        same = shared.get(i).equals(other.get((start + i) % n));
      }
      if (same) {
        return true;
      }
    }
    return false;
  }

  private static List<String> occurrencesOf(List<String> list, Set<String> keep) {
    List<String> out = new ArrayList<>();
    for (String s : list) {
      if (keep.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }

  private static boolean sameCounts(List<String> a, List<String> b) {
    Map<String, Integer> counts = new java.util.HashMap<>();
    for (String s : a) {
      counts.merge(s, 1, Integer::sum);
    }
    for (String s : b) {
      counts.merge(s, -1, Integer::sum);
    }
    for (int count : counts.values()) {
      if (count != 0) {
        return false;
      }
    }
    return true;
  }

  /** The words of a prompt that are names (in either prompt), in order, whatever their case or position. */
  private static List<String> occurrences(List<String> words, Set<String> names) {
    List<String> out = new ArrayList<>();
    for (String word : words) {
      if (names.contains(word)) {
        out.add(word);
      }
    }
    return out;
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
