package dev.switchboard.core.cache.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.core.config.SemanticCacheConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Runs the evaluation on the real paraphrase data (vectors are kept in target/ between runs). */
class CacheEvaluationTest {
  @Test
  void pawsAndStsb_defaultSettings_guardsCutFalseHitsOnHardNegatives() throws Exception {
    Path data = CacheEvaluation.locateData();
    assumeTrue(data != null, "the paraphrase data set is not available");
    double threshold = SemanticCacheConfig.defaults().threshold();
    CacheEvaluation.Report report = new CacheEvaluation(new MiniLmEmbedder(), Path.of("target/paraphrase-vectors.tsv"))
        .evaluate(data, threshold);
    System.out.println(report.format());
    report.mistakes("paws", true, 10).forEach(line -> System.out.println("FALSE HIT " + line));
    CacheEvaluation.Counts guarded = report.at("paws");
    CacheEvaluation.Counts cosineOnly = report.at("paws", threshold, false);
    assertThat(guarded.negatives()).isGreaterThan(100);
    assertThat(guarded.falseHitRate()).isLessThan(cosineOnly.falseHitRate() / 4);
    assertThat(report.at("stsb").precision()).isGreaterThanOrEqualTo(0.95);
    assertThat(guarded.truePositives()).isGreaterThan(0);
  }

  @Test
  void calibration_choosesOnItsSplit_heldOutSplitIsDisjointAndReported() throws Exception {
    Path data = CacheEvaluation.locateData();
    assumeTrue(data != null, "the paraphrase data set is not available");
    CacheEvaluation.Report report = new CacheEvaluation(new MiniLmEmbedder(), Path.of("target/paraphrase-vectors.tsv"))
        .evaluate(data, SemanticCacheConfig.defaults().threshold());
    double calibrated = report.calibratedThreshold(CacheEvaluation.MAX_FALSE_HITS);
    assertThat(calibrated).isBetween(0.80, 0.995);
    for (String set : new String[] {"paws", "stsb"}) {
      CacheEvaluation.Counts all = report.at(set, calibrated, true);
      CacheEvaluation.Counts calibration = report.calibration(set, calibrated);
      CacheEvaluation.Counts heldOut = report.heldOut(set, calibrated);
      assertThat(calibration.falseHitRate()).isLessThanOrEqualTo(CacheEvaluation.MAX_FALSE_HITS);
      assertThat(calibration.negatives() + heldOut.negatives()).isEqualTo(all.negatives());
      assertThat(calibration.positives() + heldOut.positives()).isEqualTo(all.positives());
      assertThat(heldOut.negatives()).isGreaterThan(200);
      assertThat(heldOut.falseHitRate()).isLessThan(0.01);
    }
    assertThat(report.calibration("paws", calibrated - 0.005).falseHitRate() > CacheEvaluation.MAX_FALSE_HITS
        || report.calibration("stsb", calibrated - 0.005).falseHitRate() > CacheEvaluation.MAX_FALSE_HITS)
        .as("the calibrated threshold is the lowest that meets the bound").isTrue();
  }
}
