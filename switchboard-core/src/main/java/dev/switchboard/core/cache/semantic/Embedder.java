package dev.switchboard.core.cache.semantic;

/** Turns a prompt into a unit-length vector. Blocking and CPU-heavy: never call it on an event loop. */
public interface Embedder {
  float[] embed(String text);

  int dimension();

  /** The model's name, for reports. */
  default String name() {
    return getClass().getSimpleName();
  }
}
