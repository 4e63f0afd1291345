package dev.switchboard.core.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code request_log} table in SQLite or PostgreSQL: versioned schema migrations, idempotent batch inserts
 * (a request id is stored at most once) and retention deletes. Every call runs on the database's own thread.
 */
public final class RequestLogStore {
  private static final int DELETE_CHUNK = 10_000;
  private static final String INSERT = insertStatement();

  private final Database database;

  public RequestLogStore(Database database) {
    this.database = database;
  }

  public Database database() {
    return database;
  }

  /** Applies the schema versions not yet applied. */
  public CompletableFuture<Integer> migrate() {
    return database.submit(c -> {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS request_log_schema (version INTEGER PRIMARY KEY)");
      }
      int current = 0;
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM request_log_schema")) {
        if (rs.next()) {
          current = rs.getInt(1);
        }
      }
      for (int v = current; v < LogColumns.MIGRATIONS.size(); v++) {
        applyVersion(c, v + 1, LogColumns.MIGRATIONS.get(v));
      }
      return LogColumns.MIGRATIONS.size();
    });
  }

  private static void applyVersion(Connection c, int version, List<String> statements) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
      s.execute("INSERT INTO request_log_schema (version) VALUES (" + version + ")");
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }

  /** Inserts rows in one transaction; rows whose request id is already stored are skipped. */
  public CompletableFuture<Integer> insert(List<ObjectNode> rows) {
    return database.submit(c -> insertNow(c, rows));
  }

  static int insertNow(Connection c, List<ObjectNode> rows) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    int inserted = 0;
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      for (ObjectNode row : rows) {
        bind(ps, row);
        ps.addBatch();
      }
      for (int n : ps.executeBatch()) {
        inserted += Math.max(0, n);
      }
      c.commit();
    } catch (SQLException e) {
      try {
        c.rollback();
      } catch (SQLException ignored) {
        // the connection is broken; the caller spools the rows
      }
      throw e;
    } finally {
      try {
        c.setAutoCommit(auto);
      } catch (SQLException ignored) {
        // reopened on the next call
      }
    }
    return inserted;
  }

  private static void bind(PreparedStatement ps, ObjectNode row) throws SQLException {
    int i = 1;
    for (LogColumns.Column column : LogColumns.ALL) {
      JsonNode value = row.get(column.name());
      if (value == null || value.isNull()) {
        ps.setNull(i, column.type() == LogColumns.Type.TEXT ? Types.VARCHAR
            : column.type() == LogColumns.Type.LONG ? Types.BIGINT : Types.DOUBLE);
      } else if (column.type() == LogColumns.Type.TEXT) {
        ps.setString(i, value.asText());
      } else if (column.type() == LogColumns.Type.LONG) {
        ps.setLong(i, value.asLong());
      } else {
        ps.setDouble(i, value.asDouble());
      }
      i++;
    }
  }

  /** Deletes records older than {@code cutoffMillis}, then the oldest beyond {@code maxRows}; returns deletions. */
  public CompletableFuture<Long> applyRetention(long cutoffMillis, long maxRows) {
    return database.submit(c -> {
      long deleted = deleteOlderThan(c, cutoffMillis);
      long count;
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM request_log")) {
        rs.next();
        count = rs.getLong(1);
      }
      if (count > maxRows) {
        Long boundary = null;
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT started_at FROM request_log ORDER BY started_at DESC LIMIT 1 OFFSET ?")) {
          ps.setLong(1, maxRows);
          try (ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
              boundary = rs.getLong(1);
            }
          }
        }
        if (boundary != null) {
          deleted += deleteOlderThan(c, boundary + 1);
        }
      }
      return deleted;
    });
  }

  private static long deleteOlderThan(Connection c, long cutoffMillis) throws SQLException {
    long total = 0;
    String sql = "DELETE FROM request_log WHERE request_id IN (SELECT request_id FROM request_log "
        + "WHERE started_at < ? LIMIT " + DELETE_CHUNK + ")";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      while (true) {
        ps.setLong(1, cutoffMillis);
        int n = ps.executeUpdate();
        total += n;
        if (n < DELETE_CHUNK) {
          return total;
        }
      }
    }
  }

  private static String insertStatement() {
    StringJoiner names = new StringJoiner(", ");
    StringJoiner marks = new StringJoiner(", ");
    for (LogColumns.Column column : LogColumns.ALL) {
      names.add(column.name());
      marks.add("?");
    }
    return "INSERT INTO " + LogColumns.TABLE + " (" + names + ") VALUES (" + marks
        + ") ON CONFLICT (request_id) DO NOTHING";
  }
}
