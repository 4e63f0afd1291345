package dev.switchboard.core.cache.semantic;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * all-MiniLM-L6-v2 (int8-quantised ONNX, 384 dimensions), run in process by ONNX Runtime from the model shipped
 * inside its Maven artifact: nothing is fetched at run time. About 2 ms per short prompt on one core here.
 */
public final class MiniLmEmbedder implements Embedder {
  private final EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);

  @Override
  public float[] embed(String text) {
    return Vectors.normalise(model.embed(text).content().vector());
  }

  @Override
  public int dimension() {
    return 384;
  }
}
