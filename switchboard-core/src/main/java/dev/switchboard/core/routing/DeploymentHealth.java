package dev.switchboard.core.routing;

import dev.switchboard.core.config.HealthConfig;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live state of one deployment, shared by every event loop: a circuit breaker driven by outlier detection
 * (consecutive failures, failure percentage over a window), in-flight count, latency averages and quota use.
 * State changes are synchronised; reads of the averages and counters are lock-free or cheap.
 */
final class DeploymentHealth {
  enum State { HEALTHY, EJECTED, PROBING }

  /** What routing may do with the deployment right now. */
  enum Availability { AVAILABLE, PROBE, EJECTED }

  private static final int BUCKETS = 10;
  private static final long EWMA_DECAY_NANOS = 10_000_000_000L;

  final String id;
  final AtomicInteger inFlight = new AtomicInteger();
  final PeakEwma latency = new PeakEwma(EWMA_DECAY_NANOS);
  final PeakEwma firstByte = new PeakEwma(EWMA_DECAY_NANOS);
  final DeploymentQuota quota;
  private final HealthConfig config;
  private final long bucketNanos;
  private final long[] bucketStart = new long[BUCKETS];
  private final long[] bucketSuccesses = new long[BUCKETS];
  private final long[] bucketFailures = new long[BUCKETS];
  private State state = State.HEALTHY;
  private int consecutiveFailures;
  private int ejections;
  private long ejectedUntilNanos;
  private long lastChangeNanos;
  private int probesInFlight;
  private long successes;
  private long failures;

  DeploymentHealth(String id, HealthConfig config, DeploymentQuota quota) {
    this.id = id;
    this.config = config;
    this.quota = quota;
    this.bucketNanos = Math.max(1, config.intervalMs() * 1_000_000L / BUCKETS);
    java.util.Arrays.fill(bucketStart, Long.MIN_VALUE);
  }

  synchronized Availability availability(long nowNanos) {
    if (state == State.EJECTED && nowNanos - ejectedUntilNanos >= 0) {
      state = State.PROBING;
      probesInFlight = 0;
    }
    return switch (state) {
      case HEALTHY -> Availability.AVAILABLE;
      case PROBING -> probesInFlight < config.halfOpenProbes() ? Availability.PROBE : Availability.EJECTED;
      case EJECTED -> Availability.EJECTED;
    };
  }

  /** Claims a half-open probe slot; false when the deployment is not probing or every slot is taken. */
  synchronized boolean tryStartProbe(long nowNanos) {
    if (availability(nowNanos) != Availability.PROBE) {
      return false;
    }
    probesInFlight++;
    return true;
  }

  /** A probe ended without a verdict (cancelled). */
  synchronized void releaseProbe() {
    if (probesInFlight > 0) {
      probesInFlight--;
    }
  }

  /** Returns true when this success let an ejected or probing deployment back in. */
  synchronized boolean onSuccess(long nowNanos) {
    successes++;
    bucketSuccesses[bucket(nowNanos)]++;
    consecutiveFailures = 0;
    if (state != State.HEALTHY) {
      state = State.HEALTHY;
      probesInFlight = 0;
      lastChangeNanos = nowNanos;
      return true;
    }
    if (ejections > 0 && nowNanos - lastChangeNanos >= config.intervalMs() * 1_000_000L) {
      ejections--;
      lastChangeNanos = nowNanos;
    }
    return false;
  }

  /** Counts a failure; returns true when the deployment should now be ejected. */
  synchronized boolean onFailure(long nowNanos) {
    failures++;
    bucketFailures[bucket(nowNanos)]++;
    consecutiveFailures++;
    if (state == State.PROBING) {
      return true;
    }
    if (state == State.EJECTED) {
      return false;
    }
    if (consecutiveFailures >= config.consecutiveFailures()) {
      return true;
    }
    long windowFailures = 0;
    long windowTotal = 0;
    long oldest = nowNanos - BUCKETS * bucketNanos;
    for (int i = 0; i < BUCKETS; i++) {
      if (bucketStart[i] > oldest) {
        windowFailures += bucketFailures[i];
        windowTotal += bucketFailures[i] + bucketSuccesses[i];
      }
    }
    return windowTotal >= config.failureMinimumRequests()
        && windowFailures * 100 >= (long) config.failurePercentage() * windowTotal;
  }

  /** Ejects for base × ejection count (capped); returns the ejection time in milliseconds. */
  synchronized long eject(long nowNanos) {
    ejections++;
    long millis = Math.min((long) config.maxEjectionMs(), (long) config.baseEjectionMs() * ejections);
    applyEjection(nowNanos, millis);
    return millis;
  }

  /** An ejection decided elsewhere (another node): out for {@code millis} from now. */
  synchronized void applyEjection(long nowNanos, long millis) {
    long until = nowNanos + millis * 1_000_000L;
    if (state == State.EJECTED && until - ejectedUntilNanos <= 0) {
      return;
    }
    state = State.EJECTED;
    ejectedUntilNanos = until;
    consecutiveFailures = 0;
    probesInFlight = 0;
    lastChangeNanos = nowNanos;
    java.util.Arrays.fill(bucketStart, Long.MIN_VALUE);
  }

  /** A recovery seen elsewhere (another node's probe succeeded). */
  synchronized void applyRecovery(long nowNanos) {
    if (state != State.HEALTHY) {
      state = State.HEALTHY;
      consecutiveFailures = 0;
      probesInFlight = 0;
      lastChangeNanos = nowNanos;
    }
  }

  /** Forgets the breaker state and counters (an operator's reset). */
  synchronized void reset() {
    state = State.HEALTHY;
    consecutiveFailures = 0;
    ejections = 0;
    probesInFlight = 0;
    java.util.Arrays.fill(bucketStart, Long.MIN_VALUE);
  }

  synchronized boolean isEjected(long nowNanos) {
    return availability(nowNanos) == Availability.EJECTED && state == State.EJECTED;
  }

  synchronized Snapshot snapshot(long nowNanos) {
    availability(nowNanos);
    long remaining = state == State.EJECTED ? Math.max(0, (ejectedUntilNanos - nowNanos) / 1_000_000) : 0;
    return new Snapshot(state.name().toLowerCase(java.util.Locale.ROOT), consecutiveFailures, ejections,
        remaining, successes, failures);
  }

  record Snapshot(String state, int consecutiveFailures, int ejections, long ejectedForMillis, long successes,
      long failures) {}

  private int bucket(long nowNanos) {
    long slot = Math.floorDiv(nowNanos, bucketNanos);
    int index = (int) Math.floorMod(slot, (long) BUCKETS);
    long start = slot * bucketNanos;
    if (bucketStart[index] != start) {
      bucketStart[index] = start;
      bucketSuccesses[index] = 0;
      bucketFailures[index] = 0;
    }
    return index;
  }
}
