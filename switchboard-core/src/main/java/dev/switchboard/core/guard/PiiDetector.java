package dev.switchboard.core.guard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Finds personal data and secrets in text with the built-in {@link Recognizer}s. Where candidates overlap, the
 * recogniser listed first wins (an e-mail address beats the phone-like digits inside it), then the longer span.
 * Immutable and thread-safe; a typical prompt costs microseconds.
 */
public final class PiiDetector {
  private final List<Recognizer> recognizers;

  public PiiDetector(Set<PiiType> types) {
    Set<PiiType> wanted = types.isEmpty() ? EnumSet.noneOf(PiiType.class) : EnumSet.copyOf(types);
    List<Recognizer> selected = new ArrayList<>();
    for (Recognizer recognizer : PiiRecognizers.all()) {
      if (wanted.contains(recognizer.type())) {
        selected.add(recognizer);
      }
    }
    this.recognizers = List.copyOf(selected);
  }

  /** A detector for every type. */
  public static PiiDetector all() {
    return new PiiDetector(EnumSet.allOf(PiiType.class));
  }

  /** The non-overlapping spans found, in text order. */
  public List<PiiSpan> detect(String text) {
    if (text == null || text.isEmpty() || recognizers.isEmpty()) {
      return List.of();
    }
    boolean hasDigit = hasDigit(text);
    List<PiiSpan> candidates = new ArrayList<>();
    List<Integer> rank = new ArrayList<>();
    for (int r = 0; r < recognizers.size(); r++) {
      int before = candidates.size();
      recognizers.get(r).find(text, hasDigit, candidates);
      for (int i = before; i < candidates.size(); i++) {
        rank.add(r);
      }
    }
    if (candidates.isEmpty()) {
      return List.of();
    }
    return resolve(candidates, rank);
  }

  private static List<PiiSpan> resolve(List<PiiSpan> candidates, List<Integer> rank) {
    List<Integer> order = new ArrayList<>(candidates.size());
    for (int i = 0; i < candidates.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.<Integer>comparingInt(rank::get).thenComparing(i -> -candidates.get(i).length()));
    List<PiiSpan> kept = new ArrayList<>();
    for (int i : order) {
      PiiSpan span = candidates.get(i);
      boolean free = true;
      for (PiiSpan other : kept) {
        if (other.overlaps(span)) {
          free = false;
          break;
        }
      }
      if (free) {
        kept.add(span);
      }
    }
    kept.sort(Comparator.comparingInt(PiiSpan::start));
    return kept;
  }

  private static boolean hasDigit(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        return true;
      }
    }
    return false;
  }
}
