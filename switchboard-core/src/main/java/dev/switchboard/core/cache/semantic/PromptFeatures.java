package dev.switchboard.core.cache.semantic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The lexical facts of a prompt that a paraphrase must keep: its numbers in order, its negations, its named
 * entities (capitalised words other than a sentence's first, and acronyms) in order, and which relation word
 * ("from", "to", "than", ...) governs each content word. Cheap: one pass over the characters.
 */
final class PromptFeatures {
  /** Words that make a relation between what comes before and after; swapping their objects changes meaning. */
  static final Set<String> RELATIONS = Set.of("from", "to", "into", "than", "by", "for", "of", "with", "between",
      "before", "after", "versus", "vs", "over", "under", "above", "below", "per", "in", "on", "at", "as",
      "against", "toward", "towards", "onto", "via");
  static final Set<String> NEGATIONS = Set.of("not", "no", "never", "none", "nobody", "nothing", "neither", "nor",
      "without", "cannot", "nowhere", "hardly");
  static final Set<String> STOP = Set.of("the", "a", "an", "and", "or", "is", "are", "was", "were", "be", "been",
      "it", "its", "this", "that", "these", "those", "which", "who", "whom", "what", "how", "do", "does", "did",
      "i", "you", "he", "she", "we", "they", "me", "my", "your", "his", "her", "our", "their", "also", "then",
      "can", "could", "would", "should", "will", "shall", "may", "might", "please", "there", "here", "some");

  final List<String> words;
  final List<String> numbers;
  final List<String> entities;
  final int negations;
  /** Content word → the nearest relation word before it (within three words). */
  final Map<String, String> governors;

  private PromptFeatures(List<String> words, List<String> numbers, List<String> entities, int negations,
      Map<String, String> governors) {
    this.words = words;
    this.numbers = numbers;
    this.entities = entities;
    this.negations = negations;
    this.governors = governors;
  }

  static PromptFeatures of(String text) {
    List<String> words = new ArrayList<>();
    List<String> numbers = new ArrayList<>();
    List<String> entities = new ArrayList<>();
    Map<String, String> governors = new HashMap<>();
    int negations = 0;
    boolean sentenceStart = true;
    String governor = null;
    int sinceGovernor = 0;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        if (c == '.' || c == '?' || c == '!' || c == ':' || c == ';' || c == '\n') {
          sentenceStart = true;
        }
        i++;
        continue;
      }
      int start = i;
      while (i < n && isWordChar(text, i)) {
        i++;
      }
      String raw = text.substring(start, i);
      String word = raw.toLowerCase(Locale.ROOT).replace(",", "");
      words.add(word);
      if (hasDigit(word)) {
        numbers.add(word);
      } else if (!sentenceStart && Character.isUpperCase(raw.charAt(0)) || isAcronym(raw)) {
        entities.add(word);
      }
      if (NEGATIONS.contains(word) || word.endsWith("n't")) {
        negations++;
      }
      if (RELATIONS.contains(word)) {
        governor = word;
        sinceGovernor = 0;
      } else if (!STOP.contains(word)) {
        if (governor != null && sinceGovernor < 3) {
          governors.putIfAbsent(word, governor);
        }
        sinceGovernor++;
      }
      sentenceStart = false;
    }
    return new PromptFeatures(words, numbers, entities, negations, governors);
  }

  private static boolean isWordChar(String text, int i) {
    char c = text.charAt(i);
    if (Character.isLetterOrDigit(c)) {
      return true;
    }
    boolean inner = i > 0 && i + 1 < text.length() && Character.isLetterOrDigit(text.charAt(i - 1))
        && Character.isLetterOrDigit(text.charAt(i + 1));
    if (c == '\'' || c == '’') {
      return inner && Character.isLetter(text.charAt(i + 1));
    }
    return inner && (c == '.' || c == ',') && Character.isDigit(text.charAt(i - 1))
        && Character.isDigit(text.charAt(i + 1));
  }

  private static boolean hasDigit(String word) {
    for (int i = 0; i < word.length(); i++) {
      if (Character.isDigit(word.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isAcronym(String raw) {
    if (raw.length() < 2) {
      return false;
    }
    for (int i = 0; i < raw.length(); i++) {
      if (!Character.isUpperCase(raw.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
