package dev.switchboard.core.time;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to. Shared with other modules through the test jar. */
public final class ManualClock implements Clock {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final AtomicLong epochMillis;

  public ManualClock() {
    this(1_764_000_000_000L);
  }

  public ManualClock(long epochMillis) {
    this.epochMillis = new AtomicLong(epochMillis);
  }

  @Override
  public long nanoTime() {
    return nanos.get();
  }

  @Override
  public long epochMillis() {
    return epochMillis.get();
  }

  public void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
    epochMillis.addAndGet(duration.toMillis());
  }

  public void advanceMillis(long millis) {
    advance(Duration.ofMillis(millis));
  }
}
