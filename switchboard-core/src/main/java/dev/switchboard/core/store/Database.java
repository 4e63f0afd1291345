package dev.switchboard.core.store;

import dev.switchboard.core.config.StoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The durable store: SQLite in the data directory by default, PostgreSQL when configured. All work runs on a
 * dedicated thread (SQLite allows one writer; for PostgreSQL one connection per store keeps ordering simple and
 * batching does the rest), never on an event loop. A broken connection is reopened on the next call.
 */
public final class Database implements AutoCloseable {
  /** Which SQL dialect the store speaks. */
  public enum Kind { SQLITE, POSTGRES }

  /** A unit of work on the connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final Kind kind;
  private final String url;
  private final String user;
  private final String password;
  private final ExecutorService executor;
  private Connection connection;

  private Database(Kind kind, String url, String user, String password, String threadName) {
    this.kind = kind;
    this.url = url;
    this.user = user;
    this.password = password;
    this.executor = Executors.newSingleThreadExecutor(r -> {
      Thread thread = new Thread(r, threadName);
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Opens the configured store; {@code name} distinguishes SQLite files (e.g. "requests", "keys"). */
  public static Database open(StoreConfig config, String name) {
    if (config.postgres() != null && config.postgres().url() != null) {
      return new Database(Kind.POSTGRES, config.postgres().url(), config.postgres().user(),
          config.postgres().password(), "switchboard-db-" + name);
    }
    Path dir = Path.of(config.dataDir());
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IllegalStateException("cannot create data directory " + dir + ": " + e.getMessage(), e);
    }
    return new Database(Kind.SQLITE, "jdbc:sqlite:" + dir.resolve(name + ".db"), null, null,
        "switchboard-db-" + name);
  }

  public static Database postgres(String url, String user, String password, String name) {
    return new Database(Kind.POSTGRES, url, user, password, "switchboard-db-" + name);
  }

  public static Database sqlite(Path file) {
    return new Database(Kind.SQLITE, "jdbc:sqlite:" + file, null, null, "switchboard-db-" + file.getFileName());
  }

  public Kind kind() {
    return kind;
  }

  /** Runs {@code work} on the store's thread. The future fails with the SQLException if the work fails. */
  public <T> CompletableFuture<T> submit(Work<T> work) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return work.run(connection());
      } catch (SQLException e) {
        dropBrokenConnection();
        throw new StoreException(e);
      }
    }, executor);
  }

  /** Runs schema statements in order, idempotently (use IF NOT EXISTS). */
  public CompletableFuture<Void> migrate(List<String> statements) {
    return submit(c -> {
      try (Statement statement = c.createStatement()) {
        for (String sql : statements) {
          statement.execute(sql);
        }
      }
      return null;
    });
  }

  private Connection connection() throws SQLException {
    if (connection == null || connection.isClosed()) {
      connection = user == null ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, password);
      if (kind == Kind.SQLITE) {
        try (Statement s = connection.createStatement()) {
          s.execute("PRAGMA journal_mode=WAL");
          s.execute("PRAGMA synchronous=NORMAL");
          s.execute("PRAGMA busy_timeout=5000");
          // 16 MB of page cache (the default is 2 MB): the request log's indexes stay in memory longer
          s.execute("PRAGMA cache_size=-16384");
        }
      }
    }
    return connection;
  }

  private void dropBrokenConnection() {
    try {
      if (connection != null && !connection.isValid(1)) {
        connection.close();
        connection = null;
      }
    } catch (SQLException ignored) {
      connection = null;
    }
  }

  @Override
  public void close() {
    executor.submit(() -> {
      try {
        if (connection != null) {
          connection.close();
        }
      } catch (SQLException ignored) {
        // closing anyway
      }
    });
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A failed store operation. */
  public static final class StoreException extends RuntimeException {
    public StoreException(SQLException cause) {
      super(cause.getMessage(), cause);
    }
  }
}
