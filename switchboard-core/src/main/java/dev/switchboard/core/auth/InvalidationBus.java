package dev.switchboard.core.auth;

import java.util.function.Consumer;

/**
 * Tells every node to drop cached key look-ups: "key:&lt;hash&gt;" for one key, "all" for everything. A node whose
 * bus is not {@link #healthy()} must not trust its cache, since it may have missed a revocation.
 */
public interface InvalidationBus {
  void publish(String message);

  void subscribe(Consumer<String> listener);

  boolean healthy();

  /** One node: delivery is a method call. */
  static InvalidationBus local() {
    return new InvalidationBus() {
      private final java.util.List<Consumer<String>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

      @Override
      public void publish(String message) {
        listeners.forEach(listener -> listener.accept(message));
      }

      @Override
      public void subscribe(Consumer<String> listener) {
        listeners.add(listener);
      }

      @Override
      public boolean healthy() {
        return true;
      }
    };
  }
}
