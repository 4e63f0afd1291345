package dev.switchboard.sim.openai;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Deterministic unit vectors for simulated embeddings. */
public final class SimVectors {
  private SimVectors() {}

  public static float[] embed(String text, int dimensions, long seed) {
    long hash = seed;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      hash = (hash ^ b) * 0x100000001B3L;
    }
    SplittableRandom random = new SplittableRandom(hash);
    float[] vector = new float[Math.max(1, dimensions)];
    double norm = 0;
    for (int i = 0; i < vector.length; i++) {
      vector[i] = (float) (random.nextDouble() * 2 - 1);
      norm += vector[i] * vector[i];
    }
    float scale = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < vector.length; i++) {
      vector[i] *= scale;
    }
    return vector;
  }
}
