package dev.switchboard.core.routing;

import dev.switchboard.core.spi.Cancellation;

/** One upstream attempt of a request: where it went, with which key, and whether it is still open. */
final class Attempt {
  final Deployment deployment;
  final KeyPool.Lease key;
  final Cancellation cancellation = new Cancellation();
  final long startNanos;
  final boolean hedge;
  final boolean probe;
  final String upstreamModel;
  boolean closed;

  Attempt(Deployment deployment, KeyPool.Lease key, long startNanos, boolean hedge, boolean probe,
      String upstreamModel) {
    this.deployment = deployment;
    this.key = key;
    this.startNanos = startNanos;
    this.hedge = hedge;
    this.probe = probe;
    this.upstreamModel = upstreamModel;
  }
}
