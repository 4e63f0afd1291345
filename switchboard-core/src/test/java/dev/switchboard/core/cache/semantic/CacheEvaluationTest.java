package dev.switchboard.core.cache.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CacheEvaluationTest {
  @Test
  void pawsAndStsb_configuredSettings_reportsFigures() throws Exception {
    CacheEvaluation.Report report = new CacheEvaluation(new MiniLmEmbedder()).evaluate(
        Path.of("/work/shared/data/paraphrase"), 0.90);
    System.out.println(report.format());
    report.mistakes("paws", true, 25).forEach(line -> System.out.println("FALSE " + line));
    report.mistakes("paws", false, 15).forEach(line -> System.out.println("MISSED " + line));
    report.mistakes("stsb", true, 10).forEach(line -> System.out.println("FALSE " + line));
    report.mistakes("stsb", false, 10).forEach(line -> System.out.println("MISSED " + line));
    assertThat(report.at("paws").negatives()).isGreaterThan(100);
  }
}
