package dev.switchboard.app;

import dev.switchboard.core.config.GuardrailsConfig;
import dev.switchboard.core.guard.GuardEvaluation;
import dev.switchboard.core.guard.InjectionEvaluation;
import dev.switchboard.core.guard.InjectionScorer;
import dev.switchboard.core.guard.PiiDetector;
import dev.switchboard.core.guard.PiiEvaluation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard eval guard}: the guardrails' detection figures on labelled injection and PII data. */
@Command(name = "guard", mixinStandardHelpOptions = true,
    description = "Evaluate the guardrails: prompt-injection precision, recall, F1 and false positives per data set "
        + "with a threshold sweep; PII precision and recall per entity type.")
final class EvalGuardCommand implements Callable<Integer> {
  private static final double[] SWEEP = {0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

  @Option(names = "--data", paramLabel = "DIR", description = "Directory with injection/, pii/presidio-synth/ and optionally prompts/ "
      + "(default: the shared data folder).")
  Path data;

  @Option(names = "--threshold", paramLabel = "X", description = "Injection threshold (default: the configured "
      + "default, guardrails.injection_threshold).")
  Double threshold;

  @Override
  public Integer call() throws Exception {
    double at = threshold != null ? threshold : GuardrailsConfig.DEFAULT_THRESHOLD;
    Path dir = data != null ? data : GuardEvaluation.locateData();
    if (dir == null) {
      System.err.println("switchboard eval guard: no evaluation data found; pass --data DIR");
      return 2;
    }
    Map<String, List<InjectionEvaluation.Example>> sets = GuardEvaluation.injectionSets(dir);
    List<PiiEvaluation.Sentence> sentences = GuardEvaluation.piiSentences(dir);
    if (sets.isEmpty() && sentences.isEmpty()) {
      System.err.println("switchboard eval guard: " + dir + " has neither injection/ nor " + GuardEvaluation.PII_SET);
      return 2;
    }
    if (!sets.isEmpty()) {
      System.out.println("== prompt injection");
      System.out.print(InjectionEvaluation.evaluate(sets, InjectionScorer.builtIn(), at).format(SWEEP));
    }
    if (!sentences.isEmpty()) {
      System.out.println("\n== PII (every recogniser on; overlap with a labelled span of the matching type)");
      System.out.print(PiiEvaluation.evaluate(sentences, PiiDetector.all()).format());
    }
    return 0;
  }
}
