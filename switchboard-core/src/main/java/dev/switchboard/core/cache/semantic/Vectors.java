package dev.switchboard.core.cache.semantic;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/** Small vector helpers: normalisation, dot product, compact encoding for sharing between nodes. */
final class Vectors {
  private Vectors() {}

  static float[] normalise(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += x * x;
    }
    float scale = sum == 0 ? 0f : (float) (1.0 / Math.sqrt(sum));
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] * scale;
    }
    return out;
  }

  /** Cosine similarity of two unit vectors. */
  static float dot(float[] a, float[] b) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int n = a.length & ~3;
    for (int i = 0; i < n; i += 4) {
      s0 += a[i] * b[i];
      s1 += a[i + 1] * b[i + 1];
      s2 += a[i + 2] * b[i + 2];
      s3 += a[i + 3] * b[i + 3];
    }
    for (int i = n; i < a.length; i++) {
      s0 += a[i] * b[i];
    }
    return s0 + s1 + s2 + s3;
  }

  static String encode(float[] v) {
    ByteBuffer buffer = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float x : v) {
      buffer.putFloat(x);
    }
    return Base64.getEncoder().encodeToString(buffer.array());
  }

  static float[] decode(String text, int dimension) {
    byte[] bytes = Base64.getDecoder().decode(text);
    if (bytes.length != dimension * 4) {
      throw new IllegalArgumentException("vector has " + bytes.length / 4 + " dimensions, not " + dimension);
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    float[] v = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      v[i] = buffer.getFloat();
    }
    return v;
  }
}
