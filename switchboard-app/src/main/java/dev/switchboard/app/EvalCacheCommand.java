package dev.switchboard.app;

import dev.switchboard.core.cache.semantic.CacheEvaluation;
import dev.switchboard.core.cache.semantic.MiniLmEmbedder;
import dev.switchboard.core.config.SemanticCacheConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard eval cache}: the semantic cache's precision, recall and false-hit rate on paraphrase data. */
@Command(name = "cache", mixinStandardHelpOptions = true,
    description = "Evaluate the semantic cache on PAWS and STS-B: precision, recall, false hits, threshold sweep.")
final class EvalCacheCommand implements Callable<Integer> {
  @Option(names = "--data", paramLabel = "DIR", description = "Directory with paws-x-en/pairs.tsv and stsb/stsb.tsv "
      + "(default: the shared data folder's paraphrase/).")
  Path data;

  @Option(names = "--threshold", paramLabel = "X", description = "Similarity threshold (default: the configured "
      + "default, cache.semantic.threshold).")
  Double threshold;

  @Option(names = "--vectors", paramLabel = "FILE", description = "Keep embeddings in FILE between runs.")
  Path vectors;

  @Override
  public Integer call() throws Exception {
    double at = threshold != null ? threshold : SemanticCacheConfig.defaults().threshold();
    Path dir = data != null ? data : CacheEvaluation.locateData();
    if (dir == null) {
      System.err.println("switchboard eval cache: no paraphrase data found; pass --data DIR");
      return 2;
    }
    CacheEvaluation.Report report = new CacheEvaluation(new MiniLmEmbedder(), vectors).evaluate(dir, at);
    System.out.print(report.format());
    return 0;
  }
}
