package dev.switchboard.core.guard;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-entity precision and recall of the PII detector against labelled character spans (the presidio-research
 * scheme). A detected span counts as correct when it overlaps a labelled span of the corresponding type (each
 * labelled span matched at most once); exact boundary matches are counted too. Types the detector does not cover
 * (names, addresses, places, organisations, ...) show their recall as 0: they need named-entity recognition.
 */
public final class PiiEvaluation {
  /** The labelled types each detector type corresponds to. */
  static final Map<PiiType, String> LABELS = labels();

  /** A labelled sentence. */
  public record Sentence(String text, List<Gold> spans) {}

  /** A labelled span. */
  public record Gold(String type, int start, int end) {}

  /** Figures for one labelled or detected type. */
  public record Row(String type, int gold, int predicted, int matched, int exact) {
    public double precision() {
      return predicted == 0 ? Double.NaN : (double) matched / predicted;
    }

    public double recall() {
      return gold == 0 ? Double.NaN : (double) matched / gold;
    }
  }

  /** The per-type rows and how many sentences without any label had something detected. */
  public record Report(Map<String, Row> rows, int cleanSentences, int cleanFlagged, int sentences) {
    public String format() {
      StringBuilder out = new StringBuilder();
      out.append(String.format(Locale.ROOT, "%-18s %6s %6s %6s %6s %9s %7s%n", "type", "gold", "found", "match",
          "exact", "precision", "recall"));
      rows.forEach((type, r) -> out.append(String.format(Locale.ROOT, "%-18s %6d %6d %6d %6d %9s %7s%n", type,
          r.gold(), r.predicted(), r.matched(), r.exact(), pct(r.precision()), pct(r.recall()))));
      out.append(String.format(Locale.ROOT, "sentences without PII with a detection: %d of %d (%d sentences)%n",
          cleanFlagged, cleanSentences, sentences));
      return out.toString();
    }
  }

  private PiiEvaluation() {}

  public static Report evaluate(List<Sentence> sentences, PiiDetector detector) {
    Map<String, int[]> counts = new TreeMap<>();
    int clean = 0;
    int cleanFlagged = 0;
    for (Sentence sentence : sentences) {
      List<PiiSpan> found = detector.detect(sentence.text());
      if (sentence.spans().isEmpty()) {
        clean++;
        cleanFlagged += found.isEmpty() ? 0 : 1;
      }
      for (Gold gold : sentence.spans()) {
        counts.computeIfAbsent(gold.type(), k -> new int[4])[0]++;
      }
      boolean[] used = new boolean[sentence.spans().size()];
      for (PiiSpan span : found) {
        String label = LABELS.getOrDefault(span.type(), span.type().label());
        int[] c = counts.computeIfAbsent(label, k -> new int[4]);
        c[1]++;
        int match = match(sentence.spans(), used, label, span);
        if (match >= 0) {
          used[match] = true;
          c[2]++;
          Gold gold = sentence.spans().get(match);
          if (gold.start() == span.start() && gold.end() == span.end()) {
            c[3]++;
          }
        }
      }
    }
    Map<String, Row> rows = new TreeMap<>();
    counts.forEach((type, c) -> rows.put(type, new Row(type, c[0], c[1], c[2], c[3])));
    return new Report(rows, clean, cleanFlagged, sentences.size());
  }

  private static int match(List<Gold> golds, boolean[] used, String label, PiiSpan span) {
    for (int i = 0; i < golds.size(); i++) {
      Gold g = golds.get(i);
      if (!used[i] && g.type().equals(label) && g.start() < span.end() && span.start() < g.end()) {
        return i;
      }
    }
    return -1;
  }

  static String pct(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value);
  }

  private static Map<PiiType, String> labels() {
    Map<PiiType, String> m = new EnumMap<>(PiiType.class);
    m.put(PiiType.EMAIL, "EMAIL_ADDRESS");
    m.put(PiiType.PHONE, "PHONE_NUMBER");
    m.put(PiiType.CREDIT_CARD, "CREDIT_CARD");
    m.put(PiiType.IBAN, "IBAN_CODE");
    m.put(PiiType.US_SSN, "US_SSN");
    m.put(PiiType.IP_ADDRESS, "IP_ADDRESS");
    m.put(PiiType.URL, "DOMAIN_NAME");
    m.put(PiiType.DATE, "DATE_TIME");
    return m;
  }
}
