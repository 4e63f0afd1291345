package dev.switchboard.core.time;

import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/** The one source of randomness (weighted routing, jitter, sampling). Tests inject a seeded one. */
public interface Randomness {
  /** Uniform in [0, 1). */
  double nextDouble();

  /** Uniform in [0, bound). */
  int nextInt(int bound);

  static Randomness system() {
    return new Randomness() {
      @Override
      public double nextDouble() {
        return ThreadLocalRandom.current().nextDouble();
      }

      @Override
      public int nextInt(int bound) {
        return ThreadLocalRandom.current().nextInt(bound);
      }
    };
  }

  /** Deterministic and thread-safe (synchronised), for tests and reproducible benchmarks. */
  static Randomness seeded(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    return new Randomness() {
      @Override
      public synchronized double nextDouble() {
        return random.nextDouble();
      }

      @Override
      public synchronized int nextInt(int bound) {
        return random.nextInt(bound);
      }
    };
  }
}
