package dev.switchboard.core.observe;

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
  /** Rows a statement: 32 × 35 parameters stays far below SQLite's and PostgreSQL's parameter limits. */
  static final int ROWS_PER_STATEMENT = 32;
  private static final String[] INSERTS = insertStatements();
  private static final LogColumns.Type[] COLUMN_TYPES =
      LogColumns.ALL.stream().map(LogColumns.Column::type).toArray(LogColumns.Type[]::new);
  private static final int[] SQL_TYPES = sqlTypes();

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
  public CompletableFuture<Integer> insert(List<LogRow> rows) {
    return database.submit(c -> insertNow(c, rows));
  }

  /**
   * One transaction of multi-row inserts ({@value #ROWS_PER_STATEMENT} rows a statement), binding each row's
   * typed values directly. Returns how many rows were new.
   */
  static int insertNow(Connection c, List<LogRow> rows) throws SQLException {
    if (rows.isEmpty()) {
      return 0;
    }
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    int inserted = 0;
    try {
      int full = rows.size() / ROWS_PER_STATEMENT;
      if (full > 0) {
        try (PreparedStatement ps = c.prepareStatement(INSERTS[ROWS_PER_STATEMENT])) {
          for (int chunk = 0; chunk < full; chunk++) {
            inserted += execute(ps, rows, chunk * ROWS_PER_STATEMENT, ROWS_PER_STATEMENT);
          }
        }
      }
      int rest = rows.size() % ROWS_PER_STATEMENT;
      if (rest > 0) {
        try (PreparedStatement ps = c.prepareStatement(INSERTS[rest])) {
          inserted += execute(ps, rows, full * ROWS_PER_STATEMENT, rest);
        }
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

  private static int execute(PreparedStatement ps, List<LogRow> rows, int from, int count) throws SQLException {
    int parameter = 1;
    for (int r = from; r < from + count; r++) {
      LogRow row = rows.get(r);
      for (int i = 0; i < COLUMN_TYPES.length; i++) {
        Object value = row.value(i);
        if (value == null) {
          ps.setNull(parameter, SQL_TYPES[i]);
        } else if (value instanceof String text) {
          ps.setString(parameter, text);
        } else if (value instanceof Long l) {
          ps.setLong(parameter, l);
        } else if (value instanceof Double d) {
          ps.setDouble(parameter, d);
        } else {
          ps.setString(parameter, value.toString());
        }
        parameter++;
      }
    }
    return Math.max(0, ps.executeUpdate());
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

  /** {@code INSERTS[n]}: the statement that inserts n rows, skipping request ids already stored. */
  private static String[] insertStatements() {
    StringJoiner names = new StringJoiner(", ");
    StringJoiner marks = new StringJoiner(", ", "(", ")");
    for (LogColumns.Column column : LogColumns.ALL) {
      names.add(column.name());
      marks.add("?");
    }
    String[] out = new String[ROWS_PER_STATEMENT + 1];
    StringBuilder values = new StringBuilder();
    for (int n = 1; n <= ROWS_PER_STATEMENT; n++) {
      values.append(n == 1 ? "" : ", ").append(marks);
      out[n] = "INSERT INTO " + LogColumns.TABLE + " (" + names + ") VALUES " + values
          + " ON CONFLICT (request_id) DO NOTHING";
    }
    return out;
  }

  private static int[] sqlTypes() {
    int[] out = new int[LogColumns.ALL.size()];
    for (int i = 0; i < out.length; i++) {
      LogColumns.Type type = LogColumns.ALL.get(i).type();
      out[i] = type == LogColumns.Type.TEXT ? Types.VARCHAR : type == LogColumns.Type.LONG ? Types.BIGINT
          : Types.DOUBLE;
    }
    return out;
  }
}
