package dev.switchboard.core.cache.semantic;

import dev.switchboard.core.cache.semantic.PromptGuards.Checks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures the semantic tier's decision (similarity threshold plus guards) on labelled paraphrase data: PAWS
 * (word-swap hard negatives and paraphrases) and STS-B (graded similarity; at least 4.5 counts as the same
 * meaning, at most 3.0 as different). Reports precision, recall and false-hit rate at the configured settings, a
 * threshold sweep and what each guard contributes.
 */
public final class CacheEvaluation {
  /** The false-hit rate on hard negatives that calibration must not exceed. */
  public static final double MAX_FALSE_HITS = 0.005;

  /** The paraphrase data: the shared data folder, or a {@code shared/} folder beside the checkout; null if none. */
  public static Path locateData() {
    Path data = dev.switchboard.core.config.SharedData.locate("paraphrase/paws-x-en");
    return data == null ? null : data.resolve("paraphrase");
  }

  private final Embedder embedder;
  private final Path vectorFile;

  public CacheEvaluation(Embedder embedder) {
    this(embedder, null);
  }

  /** With {@code vectorFile} (may be null), embeddings are kept between runs in that file. */
  public CacheEvaluation(Embedder embedder, Path vectorFile) {
    this.embedder = embedder;
    this.vectorFile = vectorFile;
  }

  /** Runs the evaluation; {@code dataDir} holds paws-x-en/pairs.tsv and stsb/stsb.tsv. */
  public Report evaluate(Path dataDir, double threshold) throws IOException {
    Map<String, List<Scored>> sets = new java.util.LinkedHashMap<>();
    Path paws = dataDir.resolve("paws-x-en/pairs.tsv");
    Path stsb = dataDir.resolve("stsb/stsb.tsv");
    Map<String, float[]> memo = loadVectors();
    int known = memo.size();
    long[] embedNanos = new long[2];
    if (Files.exists(paws)) {
      sets.put("paws", score(LabelledPair.paws(paws), memo, embedNanos));
    }
    if (Files.exists(stsb)) {
      sets.put("stsb", score(LabelledPair.stsb(stsb, 4.5, 3.0), memo, embedNanos));
    }
    if (sets.isEmpty()) {
      throw new IOException("no paraphrase data under " + dataDir);
    }
    if (vectorFile != null && memo.size() > known) {
      saveVectors(memo);
    }
    return new Report(embedder.name(), threshold, sets, embedNanos[1] == 0 ? 0 : embedNanos[0] / (double) embedNanos[1] / 1e6);
  }

  private Map<String, float[]> loadVectors() throws IOException {
    Map<String, float[]> memo = new HashMap<>();
    if (vectorFile == null || !Files.exists(vectorFile)) {
      return memo;
    }
    for (String line : Files.readAllLines(vectorFile, java.nio.charset.StandardCharsets.UTF_8)) {
      int tab = line.indexOf('\t');
      if (tab > 0) {
        memo.put(line.substring(tab + 1), Vectors.decode(line.substring(0, tab), embedder.dimension()));
      }
    }
    return memo;
  }

  private void saveVectors(Map<String, float[]> memo) throws IOException {
    List<String> lines = new ArrayList<>(memo.size());
    memo.forEach((text, vector) -> {
      if (text.indexOf('\n') < 0) {
        lines.add(Vectors.encode(vector) + "\t" + text);
      }
    });
    Files.write(vectorFile, lines, java.nio.charset.StandardCharsets.UTF_8);
  }

  private List<Scored> score(List<LabelledPair> pairs, Map<String, float[]> memo, long[] embedNanos) {
    List<Scored> scored = new ArrayList<>(pairs.size());
    for (LabelledPair pair : pairs) {
      float[] a = embed(pair.first(), memo, embedNanos);
      float[] b = embed(pair.second(), memo, embedNanos);
      PromptFeatures first = PromptFeatures.of(pair.first());
      PromptFeatures second = PromptFeatures.of(pair.second());
      double overlap = LexicalGate.overlap(LexicalGate.stems(first), LexicalGate.stems(second));
      scored.add(new Scored(pair, Vectors.dot(a, b), first, second, overlap >= LocalSemanticTier.MIN_OVERLAP));
    }
    return scored;
  }

  private float[] embed(String text, Map<String, float[]> memo, long[] embedNanos) {
    float[] cached = memo.get(text);
    if (cached != null) {
      return cached;
    }
    long start = System.nanoTime();
    float[] vector = embedder.embed(text);
    embedNanos[0] += System.nanoTime() - start;
    embedNanos[1]++;
    memo.put(text, vector);
    return vector;
  }

  /** One pair with its similarity and features. */
  /** One pair with its similarity, features, and whether the lexical gate would let it through. */
  record Scored(LabelledPair pair, float similarity, PromptFeatures first, PromptFeatures second, boolean gated) {
    boolean accepted(double threshold, Checks checks) {
      return gated && similarity >= threshold && PromptGuards.rejection(first, second, checks) == null;
    }
  }

  /** Counts of one decision rule on one set. */
  public record Counts(int truePositives, int falsePositives, int positives, int negatives) {
    public double precision() {
      int hits = truePositives + falsePositives;
      return hits == 0 ? 1.0 : truePositives / (double) hits;
    }

    public double recall() {
      return positives == 0 ? 0 : truePositives / (double) positives;
    }

    public double falseHitRate() {
      return negatives == 0 ? 0 : falsePositives / (double) negatives;
    }

    static Counts of(List<Scored> scored, double threshold, Checks checks) {
      return of(scored, threshold, checks, s -> true);
    }

    static Counts of(List<Scored> scored, double threshold, Checks checks,
        java.util.function.Predicate<Scored> include) {
      int tp = 0;
      int fp = 0;
      int p = 0;
      int n = 0;
      for (Scored s : scored) {
        if (!include.test(s)) {
          continue;
        }
        boolean accepted = s.accepted(threshold, checks);
        if (s.pair().same()) {
          p++;
          tp += accepted ? 1 : 0;
        } else {
          n++;
          fp += accepted ? 1 : 0;
        }
      }
      return new Counts(tp, fp, p, n);
    }

    String line() {
      return String.format(Locale.ROOT, "precision %6.2f%%  recall %6.2f%%  false hits %5.2f%% (%d of %d)  "
          + "true hits %d of %d", 100 * precision(), 100 * recall(), 100 * falseHitRate(), falsePositives,
          negatives, truePositives, positives);
    }
  }

  /** The evaluation's result. */
  public static final class Report {
    private final double threshold;
    private final Map<String, List<Scored>> sets;
    private final double embedMillis;

    private final String model;

    Report(String model, double threshold, Map<String, List<Scored>> sets, double embedMillis) {
      this.model = model;
      this.threshold = threshold;
      this.sets = sets;
      this.embedMillis = embedMillis;
    }

    /** Counts at the configured threshold with every guard on. */
    public Counts at(String set) {
      return Counts.of(sets.get(set), threshold, Checks.ALL);
    }

    public Counts at(String set, double otherThreshold, boolean guards) {
      return Counts.of(sets.get(set), otherThreshold, guards ? Checks.ALL : Checks.NONE);
    }

    /** Counts on the held-out split only (PAWS odd positions, STS-B dev), every guard on. */
    public Counts heldOut(String set, double otherThreshold) {
      return Counts.of(sets.get(set), otherThreshold, Checks.ALL, s -> !s.pair().calibration());
    }

    /** Counts on the calibration split only (PAWS even positions, STS-B train), every guard on. */
    public Counts calibration(String set, double otherThreshold) {
      return Counts.of(sets.get(set), otherThreshold, Checks.ALL, s -> s.pair().calibration());
    }

    /**
     * The lowest threshold (in steps of 0.005 from 0.80) at which, with every guard on, the false-hit rate on the
     * calibration split of every set is at most {@code maxFalseHits}. Chosen without looking at the held-out split.
     */
    public double calibratedThreshold(double maxFalseHits) {
      return calibratedThreshold(null, maxFalseHits);
    }

    /** As {@link #calibratedThreshold(double)}, on one set only ({@code null}: every set). */
    public double calibratedThreshold(String only, double maxFalseHits) {
      for (int step = 0; step <= 40; step++) {
        double candidate = Math.round((0.80 + step * 0.005) * 1000) / 1000.0;
        boolean ok = true;
        for (String set : sets.keySet()) {
          ok &= only != null && !only.equals(set) || calibration(set, candidate).falseHitRate() <= maxFalseHits;
        }
        if (ok) {
          return candidate;
        }
      }
      return 1.0;
    }

    /** Up to {@code limit} pairs of a set that the rule decides wrongly (for inspecting the guards). */
    public List<String> mistakes(String set, boolean falseHits, int limit) {
      List<String> out = new ArrayList<>();
      for (Scored s : sets.get(set)) {
        boolean accepted = s.accepted(threshold, Checks.ALL);
        if (out.size() < limit && (falseHits ? accepted && !s.pair().same() : !accepted && s.pair().same())) {
          out.add(String.format(Locale.ROOT, "%.3f %s | %s | %s", s.similarity(),
              PromptGuards.rejection(s.first(), s.second(), Checks.ALL), s.pair().first(), s.pair().second()));
        }
      }
      return out;
    }

    public double embedMillisPerPrompt() {
      return embedMillis;
    }

    /** The report as text: settings, per-set figures, a threshold sweep, and each guard's contribution. */
    public String format() {
      StringBuilder out = new StringBuilder();
      out.append(embedMillis > 0
          ? String.format(Locale.ROOT, "Semantic cache evaluation (%s, %.2f ms/prompt)%n", model, embedMillis)
          : String.format(Locale.ROOT, "Semantic cache evaluation (%s, vectors from file)%n", model));
      out.append(String.format(Locale.ROOT, "configured: threshold %.2f, lexical gate %.2f, guards on%n", threshold,
          LocalSemanticTier.MIN_OVERLAP));
      for (Map.Entry<String, List<Scored>> set : sets.entrySet()) {
        long positives = set.getValue().stream().filter(s -> s.pair().same()).count();
        long through = set.getValue().stream().filter(s -> s.pair().same() && s.gated()).count();
        out.append(String.format(Locale.ROOT, "  %-5s lexical gate lets through %d of %d true pairs%n",
            set.getKey(), through, positives));
      }
      for (Map.Entry<String, List<Scored>> set : sets.entrySet()) {
        out.append(String.format(Locale.ROOT, "  %-5s %s%n", set.getKey(), at(set.getKey()).line()));
      }
      double calibrated = calibratedThreshold(MAX_FALSE_HITS);
      out.append(String.format(Locale.ROOT, "%ncalibrated on PAWS even rows + STS-B train (false hits <= %.1f%% on "
          + "each): threshold %.3f%n", 100 * MAX_FALSE_HITS, calibrated));
      out.append("held out (PAWS odd rows, STS-B dev), guards on\n");
      for (String set : sets.keySet()) {
        out.append(String.format(Locale.ROOT, "  calibrated %.3f %-5s %s%n", calibrated, set,
            heldOut(set, calibrated).line()));
        out.append(String.format(Locale.ROOT, "  configured %.3f %-5s %s%n", threshold, set,
            heldOut(set, threshold).line()));
      }
      out.append("each set calibrated on its own calibration split, held out\n");
      for (String set : sets.keySet()) {
        double own = calibratedThreshold(set, MAX_FALSE_HITS);
        out.append(String.format(Locale.ROOT, "  own %.3f        %-5s %s%n", own, set, heldOut(set, own).line()));
      }
      out.append("\nthreshold sweep, all pairs (lexical gate on; guards on | guards off)\n");
      for (int t = 70; t <= 99; t += 1) {
        double th = t / 100.0;
        for (String set : sets.keySet()) {
          out.append(String.format(Locale.ROOT, "  %.2f %-5s on: %s%n", th, set, at(set, th, true).line()));
          out.append(String.format(Locale.ROOT, "  %.2f %-5s off: %s%n", th, set, at(set, th, false).line()));
        }
      }
      out.append("\nguard ablation at the configured threshold (one guard off at a time)\n");
      Checks[] ablations = {
          new Checks(false, true, true, true, true, true), new Checks(true, false, true, true, true, true),
          new Checks(true, true, false, true, true, true), new Checks(true, true, true, false, true, true),
          new Checks(true, true, true, true, false, true), new Checks(true, true, true, true, true, false)};
      String[] names = {"numbers", "negation", "entities", "entity-order", "relations", "word-order"};
      for (int i = 0; i < ablations.length; i++) {
        for (Map.Entry<String, List<Scored>> set : sets.entrySet()) {
          out.append(String.format(Locale.ROOT, "  without %-12s %-5s %s%n", names[i], set.getKey(),
              Counts.of(set.getValue(), threshold, ablations[i]).line()));
        }
      }
      return out.toString();
    }
  }
}
