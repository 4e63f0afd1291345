package dev.switchboard.core.routing;

import java.util.function.Consumer;

/** Carries health changes between gateway nodes. Without a cluster, {@link #none()} keeps each node alone. */
public interface HealthBus {
  /** Sends an event to the other nodes. Never fails the caller; a lost event only delays the others. */
  void publish(HealthEvent event);

  /** Events from other nodes are handed to {@code listener} (on an arbitrary thread). */
  void subscribe(Consumer<HealthEvent> listener);

  default void close() {}

  static HealthBus none() {
    return new HealthBus() {
      @Override
      public void publish(HealthEvent event) {}

      @Override
      public void subscribe(Consumer<HealthEvent> listener) {}
    };
  }
}
