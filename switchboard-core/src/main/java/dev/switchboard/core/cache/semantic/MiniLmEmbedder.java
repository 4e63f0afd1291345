package dev.switchboard.core.cache.semantic;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * all-MiniLM-L6-v2 (int8-quantised ONNX, 384 dimensions), run in process by ONNX Runtime from the model shipped
 * inside its Maven artifact: nothing is fetched at run time. About 2 ms per short prompt on one idle core. The
 * model (23 MB) is loaded on first use, which happens on a worker thread, never at start-up on an event loop.
 */
public final class MiniLmEmbedder implements Embedder {
  private volatile EmbeddingModel model;

  @Override
  public float[] embed(String text) {
    return Vectors.normalise(model().embed(text).content().vector());
  }

  private EmbeddingModel model() {
    EmbeddingModel loaded = model;
    if (loaded == null) {
      synchronized (this) {
        loaded = model;
        if (loaded == null) {
          loaded = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
          model = loaded;
        }
      }
    }
    return loaded;
  }

  @Override
  public int dimension() {
    return 384;
  }
}
