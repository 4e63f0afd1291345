package dev.switchboard.core.cache.semantic;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The cheap first stage: reduces a prompt to its content-word stems, and measures how many a cached prompt shares
 * (overlap coefficient). Prompts that share too little are not worth running the embedding model for.
 */
final class LexicalGate {
  private LexicalGate() {}

  /** Content-word stems of a prompt (stop words dropped, possessives and plural "s" stripped). */
  static Set<String> stems(PromptFeatures features) {
    Set<String> stems = new LinkedHashSet<>();
    for (String word : features.words) {
      if (PromptFeatures.STOP.contains(word) || PromptFeatures.RELATIONS.contains(word)) {
        continue;
      }
      stems.add(stem(word));
    }
    return stems;
  }

  /** Content-word stems in order of appearance (repeats kept). */
  static List<String> contentStems(PromptFeatures features) {
    List<String> stems = new java.util.ArrayList<>(features.words.size());
    for (String word : features.words) {
      if (!PromptFeatures.STOP.contains(word) && !PromptFeatures.RELATIONS.contains(word)) {
        stems.add(stem(word));
      }
    }
    return stems;
  }

  static String stem(String word) {
    String w = word;
    if (w.endsWith("'s") || w.endsWith("’s")) {
      w = w.substring(0, w.length() - 2);
    }
    if (w.length() > 4 && w.endsWith("ies")) {
      return w.substring(0, w.length() - 3) + "y";
    }
    if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")) {
      return w.substring(0, w.length() - 1);
    }
    return w;
  }

  /** Shared stems over the smaller set's size (1.0 when one contains the other). */
  static double overlap(Set<String> a, Set<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return a.isEmpty() && b.isEmpty() ? 1.0 : 0.0;
    }
    Set<String> small = a.size() <= b.size() ? a : b;
    Set<String> large = small == a ? b : a;
    int shared = 0;
    for (String s : small) {
      if (large.contains(s)) {
        shared++;
      }
    }
    return shared / (double) small.size();
  }

  static double overlap(List<String> a, List<String> b) {
    return overlap(new LinkedHashSet<>(a), new LinkedHashSet<>(b));
  }
}
