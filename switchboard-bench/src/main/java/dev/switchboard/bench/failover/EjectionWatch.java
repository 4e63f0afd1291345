package dev.switchboard.bench.failover;

import dev.switchboard.core.routing.HealthEvent;
import dev.switchboard.core.routing.RoutingRuntime;

/** Times the first ejection of a deployment after a fault, from the gateway's own health events. */
final class EjectionWatch {
  private final String deployment;
  private volatile long faultAt = -1;
  private volatile long ejectedAt = -1;

  EjectionWatch(RoutingRuntime routing, String deployment) {
    this.deployment = deployment;
    routing.onHealthEvent(this::onEvent);
  }

  private void onEvent(HealthEvent event) {
    if (faultAt >= 0 && ejectedAt < 0 && HealthEvent.EJECT.equals(event.type())
        && deployment.equals(event.deployment())) {
      ejectedAt = System.nanoTime();
    }
  }

  void start(long faultNanos) {
    faultAt = faultNanos;
  }

  /** Milliseconds from the fault to the ejection, or -1 when it was not ejected. */
  double ejectionMillis() {
    return ejectedAt < 0 || faultAt < 0 ? -1 : (ejectedAt - faultAt) / 1e6;
  }
}
