package dev.switchboard.core.observe;

import dev.switchboard.core.config.ObservabilityConfig;
import dev.switchboard.core.time.Clock;
import dev.switchboard.core.time.Randomness;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request log. The hot path only {@link #enqueue enqueues} a snapshot (a lock-free offer); one writer thread
 * turns snapshots into rows (sampling and redacting bodies), tells the listeners (metrics, live tail) and stores
 * them in batches. When the store fails, rows go to an append-only {@link Spool} and are replayed when it
 * answers again; inserts are idempotent by request id, so a row is stored exactly once.
 */
public final class RequestLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);
  private static final long STORE_TIMEOUT_SECONDS = 30;

  /** Sees every record on the writer thread, after sampling. Must be quick and must not throw. */
  @FunctionalInterface
  public interface Listener {
    void onRecord(LogEntry entry, LogRow row);
  }

  private final ConcurrentLinkedQueue<LogEntry> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final RequestLogStore store;
  private final SpoolReplayer spool;
  private final LogRows rows;
  private final Clock clock;
  private final int batchSize;
  private final long flushIntervalNanos;
  private final long retentionIntervalMillis;
  private final ObservabilityConfig.RetentionConfig retention;
  private final Thread writer;
  private final AtomicLong stored = new AtomicLong();
  private final AtomicLong processed = new AtomicLong();
  private volatile boolean running = true;
  private volatile boolean busy;
  private long nextRetentionAt;

  /**
   * @param store where rows go, or null to keep no rows (metrics and tail still see every record)
   * @param spoolDir where the spool file lives while the store is unavailable
   */
  public RequestLog(RequestLogStore store, Path spoolDir, ObservabilityConfig config, Clock clock,
      Randomness randomness) {
    this.store = store;
    this.clock = clock;
    this.batchSize = Math.max(1, config.requestLog().batchSize());
    this.flushIntervalNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(1, config.requestLog().flushIntervalMs()));
    this.retention = config.retention();
    this.retentionIntervalMillis = TimeUnit.SECONDS.toMillis(Math.max(1, retention.intervalSeconds()));
    this.rows = new LogRows(new LogSampler(config.sampling(), randomness), new Redactor(config.sampling().redact()),
        config.sampling().maxBodyBytes());
    this.spool = store == null ? null : new SpoolReplayer(store, new Spool(spoolDir.resolve("request-log.spool")),
        spoolDir.resolve("request-log.rejected"), batchSize, config.requestLog().retryIntervalMs(), clock);
    this.nextRetentionAt = clock.epochMillis() + retentionIntervalMillis;
    this.writer = new Thread(this::run, "switchboard-request-log");
    this.writer.setDaemon(true);
    this.writer.start();
  }

  /** Hands a finished request's snapshot to the writer. Never blocks, never fails. */
  public void enqueue(LogEntry entry) {
    queue.offer(entry);
    if (queued.incrementAndGet() == batchSize) {
      LockSupport.unpark(writer);
    }
  }

  /** Adds a listener; close the returned handle to remove it. */
  public AutoCloseable subscribe(Listener listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Records waiting for the writer. */
  public int queued() {
    return queued.get();
  }

  /** Rows waiting in the spool for the store to come back. */
  public long spooled() {
    return spool == null ? 0 : spool.spooled();
  }

  public long stored() {
    return stored.get();
  }

  /** Records the writer has turned into rows (stored, spooled or kept only in metrics). */
  public long processed() {
    return processed.get();
  }

  public boolean storeAvailable() {
    return spool == null || spool.storeAvailable();
  }

  /** Waits (bounded) until every enqueued record was processed and, when possible, stored; true if so. */
  public boolean awaitIdle(long timeoutMillis) {
    for (long waited = 0; waited <= timeoutMillis; waited += 5) {
      LockSupport.unpark(writer);
      if (queued.get() == 0 && !busy && spooled() == 0) {
        return true;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
    return false;
  }

  private void run() {
    while (running || queued.get() > 0) {
      busy = true;
      try {
        List<LogEntry> batch = take();
        if (!batch.isEmpty()) {
          write(batch);
        } else {
          if (spool != null) {
            spool.replayIfDue();
          }
          retainIfDue();
        }
      } catch (RuntimeException e) {
        LOG.warn("request log writer: unexpected {}", e.getClass().getSimpleName());
      } finally {
        busy = false;
      }
      if (running && queued.get() < batchSize) {
        LockSupport.parkNanos(this, flushIntervalNanos);
      }
    }
  }

  private List<LogEntry> take() {
    List<LogEntry> batch = new ArrayList<>(Math.min(batchSize, Math.max(1, queued.get())));
    LogEntry entry;
    while (batch.size() < batchSize && (entry = queue.poll()) != null) {
      batch.add(entry);
    }
    queued.addAndGet(-batch.size());
    return batch;
  }

  private void write(List<LogEntry> batch) {
    List<LogRow> out = new ArrayList<>(batch.size());
    for (LogEntry entry : batch) {
      LogRow row = rows.toRow(entry);
      out.add(row);
      for (Listener listener : listeners) {
        try {
          listener.onRecord(entry, row);
        } catch (RuntimeException e) {
          LOG.warn("request log listener failed: {}", e.getClass().getSimpleName());
        }
      }
    }
    processed.addAndGet(out.size());
    if (spool != null) {
      stored.addAndGet(spool.persist(out));
    }
  }

  private void retainIfDue() {
    long now = clock.epochMillis();
    if (store == null || now < nextRetentionAt) {
      return;
    }
    nextRetentionAt = now + retentionIntervalMillis;
    long cutoff = now - TimeUnit.DAYS.toMillis(retention.maxAgeDays());
    store.applyRetention(cutoff, retention.maxRows()).whenComplete((deleted, error) -> {
      if (error != null) {
        LOG.warn("request log retention did not run: the store is unavailable");
      } else if (deleted > 0) {
        LOG.info("request log retention deleted {} records", deleted);
      }
    });
  }

  /** Stops accepting work after writing everything queued (to the store or the spool). */
  @Override
  public void close() {
    running = false;
    LockSupport.unpark(writer);
    try {
      writer.join(TimeUnit.SECONDS.toMillis(STORE_TIMEOUT_SECONDS + 5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static long storeTimeoutSeconds() {
    return STORE_TIMEOUT_SECONDS;
  }
}
