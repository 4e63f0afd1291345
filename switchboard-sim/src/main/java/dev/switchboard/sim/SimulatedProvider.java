package dev.switchboard.sim;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One simulated provider: a dialect, a latency profile, a seed, an optional required key and the fault it is
 * currently told to show. Thread-safe.
 */
public final class SimulatedProvider {
  private final String name;
  private final SimDialect dialect;
  private final LatencyProfile latency;
  private final long seed;
  private final String requiredKey;
  private final AtomicReference<Fault> fault = new AtomicReference<>(Fault.NONE);
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong abandoned = new AtomicLong();
  private final AtomicReference<String> lastBody = new AtomicReference<>("");
  private final SplittableRandom random;
  private volatile Runnable faultListener = () -> { };

  public SimulatedProvider(String name, SimDialect dialect, LatencyProfile latency, long seed, String requiredKey) {
    this.name = name;
    this.dialect = dialect;
    this.latency = latency;
    this.seed = seed;
    this.requiredKey = requiredKey;
    this.random = new SplittableRandom(seed ^ name.hashCode());
  }

  public String name() {
    return name;
  }

  public SimDialect dialect() {
    return dialect;
  }

  public LatencyProfile latency() {
    return latency;
  }

  public long seed() {
    return seed;
  }

  /** The key clients must present, or null to accept any non-empty key. */
  public String requiredKey() {
    return requiredKey;
  }

  public Fault fault() {
    return fault.get();
  }

  /** Sets the fault shown from the next request on ({@link Fault#NONE} heals). */
  public void fault(Fault next) {
    fault.set(next == null ? Fault.NONE : next);
    faultListener.run();
  }

  void onFaultChange(Runnable listener) {
    this.faultListener = listener;
  }

  public void heal() {
    fault(Fault.NONE);
  }

  public long requestCount() {
    return requests.get();
  }

  /** The body of the last request this provider received (for tests of what the gateway sent). */
  public String lastRequestBody() {
    return lastBody.get();
  }

  void recordBody(String body) {
    lastBody.set(body);
  }

  /** Responses whose client (the gateway) closed the connection before the answer was complete. */
  public long abandonedCount() {
    return abandoned.get();
  }

  void countAbandoned() {
    abandoned.incrementAndGet();
  }

  long countRequest() {
    return requests.incrementAndGet();
  }

  /** A standard normal sample from this provider's seeded generator. */
  synchronized double gaussian() {
    double u1 = random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(Math.max(u1, 1e-12))) * Math.cos(2 * Math.PI * u2);
  }
}
