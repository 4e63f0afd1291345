package dev.switchboard.core.observe;

import dev.switchboard.api.Json;
import dev.switchboard.core.time.Clock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets rows into the store whatever happens to it. While the store answers and nothing is spooled, rows are
 * inserted directly; otherwise they are appended to the spool, which is replayed (idempotently) once the retry
 * interval has passed. A row the store rejects on its own (not an outage) goes to a rejected file instead of
 * blocking the spool. If even the disk fails, rows wait in memory. Used by the request log's writer thread.
 */
final class SpoolReplayer {
  private static final Logger LOG = LoggerFactory.getLogger(SpoolReplayer.class);

  private final RequestLogStore store;
  private final Spool spool;
  private final Path rejected;
  private final int chunkSize;
  private final long retryIntervalMillis;
  private final Clock clock;
  private final List<LogRow> backlog = new ArrayList<>();
  private volatile boolean storeAvailable = true;
  private volatile long spooled;
  private long nextAttemptAt;

  SpoolReplayer(RequestLogStore store, Spool spool, Path rejected, int chunkSize, long retryIntervalMillis,
      Clock clock) {
    this.store = store;
    this.spool = spool;
    this.rejected = rejected;
    this.chunkSize = chunkSize;
    this.retryIntervalMillis = Math.max(1, retryIntervalMillis);
    this.clock = clock;
    this.spooled = spool.records();
  }

  boolean storeAvailable() {
    return storeAvailable;
  }

  long spooled() {
    return spooled + backlog.size();
  }

  /** Stores or spools {@code rows}; returns how many were stored now. */
  int persist(List<LogRow> rows) {
    if (storeAvailable && spool.isEmpty() && backlog.isEmpty()) {
      try {
        return insert(rows);
      } catch (Exception e) {
        markUnavailable();
      }
    }
    append(rows);
    return replayIfDue();
  }

  /** Replays the spool when the retry interval has passed; returns how many rows were stored. */
  int replayIfDue() {
    if (!backlog.isEmpty()) {
      List<LogRow> waiting = new ArrayList<>(backlog);
      backlog.clear();
      append(waiting);
    }
    if (spool.isEmpty() || clock.epochMillis() < nextAttemptAt) {
      return 0;
    }
    int[] stored = {0};
    try {
      spool.replay(chunkSize, chunk -> stored[0] += insertOrReject(chunk));
      spooled = 0;
      if (!storeAvailable) {
        LOG.info("request log store is available again; spooled records replayed");
      }
      storeAvailable = true;
    } catch (Exception e) {
      markUnavailable();
    }
    return stored[0];
  }

  private int insert(List<LogRow> rows) throws Exception {
    return store.insert(rows).get(RequestLog.storeTimeoutSeconds(), TimeUnit.SECONDS);
  }

  /** Inserts a chunk; if it fails while the store is reachable, row by row, setting aside rows it rejects. */
  private int insertOrReject(List<LogRow> chunk) throws Exception {
    try {
      return insert(chunk);
    } catch (Exception e) {
      if (!reachable()) {
        throw e;
      }
    }
    int stored = 0;
    for (LogRow row : chunk) {
      try {
        stored += insert(List.of(row));
      } catch (Exception e) {
        if (!reachable()) {
          throw e;
        }
        reject(row);
      }
    }
    return stored;
  }

  private boolean reachable() {
    try {
      return store.database().submit(c -> c.isValid(2)).get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      return false;
    }
  }

  private void reject(LogRow row) throws IOException {
    Files.createDirectories(rejected.toAbsolutePath().getParent());
    Files.write(rejected, (Json.writeString(row.toJson()) + "\n").getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    LOG.warn("request log: the store rejected record {}; kept in {}", row.requestId(),
        rejected.getFileName());
  }

  private void append(List<LogRow> rows) {
    try {
      spool.append(rows);
      spooled = spool.records();
    } catch (IOException e) {
      backlog.addAll(rows);
      LOG.warn("request log: cannot write the spool file; {} records held in memory", backlog.size());
    }
  }

  private void markUnavailable() {
    if (storeAvailable) {
      LOG.warn("request log store unavailable; spooling records to {}", spool.file().getFileName());
    }
    storeAvailable = false;
    nextAttemptAt = clock.epochMillis() + retryIntervalMillis;
  }
}
