package dev.switchboard.core.guard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The injection scorer's precision, recall and F1 on labelled prompt sets, and the false-positive rate on benign
 * sets, at the configured threshold and over a sweep of thresholds. Scores are computed once per prompt.
 */
public final class InjectionEvaluation {
  /** A labelled prompt: {@code injection} true for an attack. */
  public record Example(String text, boolean injection) {}

  /** Scores of one data set, kept so that any threshold can be applied. */
  public record Scored(String name, List<Example> examples, double[] scores) {
    public BinaryCounts at(double threshold) {
      BinaryCounts counts = BinaryCounts.ZERO;
      for (int i = 0; i < scores.length; i++) {
        counts = counts.add(examples.get(i).injection(), scores[i] >= threshold);
      }
      return counts;
    }
  }

  /** Every set's scores, the configured threshold and the mean scoring time. */
  public record Report(List<Scored> sets, double threshold, double microsPerPrompt) {
    public Scored set(String name) {
      for (Scored s : sets) {
        if (s.name().equals(name)) {
          return s;
        }
      }
      throw new IllegalArgumentException("no data set " + name);
    }

    public BinaryCounts pooled(double at) {
      BinaryCounts all = BinaryCounts.ZERO;
      for (Scored s : sets) {
        all = all.plus(s.at(at));
      }
      return all;
    }

    public String format(double[] sweep) {
      StringBuilder out = new StringBuilder();
      out.append(String.format(Locale.ROOT, "threshold %.2f (mean %.1f us per prompt over every set, one thread, "
          + "JIT warm-up included)%n", threshold, microsPerPrompt));
      out.append(String.format(Locale.ROOT, "%-24s %5s %5s %5s %5s %5s %9s %7s %6s %6s%n", "data set", "pos", "neg",
          "tp", "fp", "fn", "precision", "recall", "f1", "fpr"));
      for (Scored s : sets) {
        row(out, s.name(), s.at(threshold));
      }
      row(out, "all", pooled(threshold));
      out.append("\nthreshold sweep: recall per attack set, false-positive rate per benign set, pooled F1\n");
      out.append(String.format(Locale.ROOT, "%9s", "threshold"));
      for (Scored s : sets) {
        out.append(String.format(Locale.ROOT, " %22s", s.name() + (s.at(0).positives() > 0 ? " R" : " FPR")));
      }
      out.append(String.format(Locale.ROOT, " %9s%n", "pooled F1"));
      for (double t : sweep) {
        out.append(String.format(Locale.ROOT, "%9.2f", t));
        for (Scored s : sets) {
          BinaryCounts c = s.at(t);
          double value = c.positives() > 0 ? c.recall() : c.falsePositiveRate();
          if (c.positives() > 0 && c.negatives() > 0) {
            out.append(String.format(Locale.ROOT, " %22s", "R " + PiiEvaluation.pct(c.recall()) + " FPR "
                + PiiEvaluation.pct(c.falsePositiveRate())));
          } else {
            out.append(String.format(Locale.ROOT, " %22s", PiiEvaluation.pct(value)));
          }
        }
        out.append(String.format(Locale.ROOT, " %9s%n", PiiEvaluation.pct(pooled(t).f1())));
      }
      return out.toString();
    }

    private static void row(StringBuilder out, String name, BinaryCounts c) {
      out.append(String.format(Locale.ROOT, "%-24s %5d %5d %5d %5d %5d %9s %7s %6s %6s%n", name, c.positives(),
          c.negatives(), c.truePositives(), c.falsePositives(), c.falseNegatives(),
          c.positives() == 0 ? "-" : PiiEvaluation.pct(c.precision()),
          PiiEvaluation.pct(c.recall()), PiiEvaluation.pct(c.f1()), PiiEvaluation.pct(c.falsePositiveRate())));
    }
  }

  private InjectionEvaluation() {}

  public static Report evaluate(Map<String, List<Example>> sets, InjectionScorer scorer, double threshold) {
    List<Scored> scored = new ArrayList<>();
    long nanos = 0;
    int prompts = 0;
    for (Map.Entry<String, List<Example>> set : new LinkedHashMap<>(sets).entrySet()) {
      List<Example> examples = set.getValue();
      double[] scores = new double[examples.size()];
      for (int i = 0; i < scores.length; i++) {
        long start = System.nanoTime();
        scores[i] = scorer.score(examples.get(i).text());
        nanos += System.nanoTime() - start;
        prompts++;
      }
      scored.add(new Scored(set.getKey(), List.copyOf(examples), scores));
    }
    return new Report(scored, threshold, prompts == 0 ? 0 : nanos / 1000.0 / prompts);
  }
}
