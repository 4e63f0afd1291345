package dev.switchboard.sim;

/** Serves one simulated call. */
@FunctionalInterface
public interface SimRoute {
  void handle(SimCall call);
}
