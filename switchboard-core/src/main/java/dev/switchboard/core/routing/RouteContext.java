package dev.switchboard.core.routing;

import dev.switchboard.core.time.Clock;
import dev.switchboard.core.time.Randomness;

/** What a strategy may consult for one decision: live health, time, randomness and the request's size. */
final class RouteContext {
  final HealthRegistry health;
  final Clock clock;
  final Randomness random;
  final String group;
  final boolean stream;
  final long promptTokens;
  final long maxOutputTokens;
  final long nowNanos;

  RouteContext(HealthRegistry health, Clock clock, Randomness random, String group, boolean stream,
      long promptTokens, long maxOutputTokens) {
    this.health = health;
    this.clock = clock;
    this.random = random;
    this.group = group;
    this.stream = stream;
    this.promptTokens = promptTokens;
    this.maxOutputTokens = maxOutputTokens;
    this.nowNanos = clock.nanoTime();
  }

  DeploymentHealth health(Deployment deployment) {
    return health.of(deployment);
  }
}
