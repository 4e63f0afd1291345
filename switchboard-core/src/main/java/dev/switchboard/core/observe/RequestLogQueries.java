package dev.switchboard.core.observe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Read side of the request log: usage totals grouped by key, team, model, provider or day, and record search. */
public final class RequestLogQueries {
  /** The dimensions {@code group_by} accepts, and the SQL each stands for. */
  public static final Map<String, String> GROUPS = groups();
  /** The filters {@link #logs} accepts, and their columns. */
  public static final Map<String, String> FILTERS = filters();
  public static final int MAX_PAGE = 500;

  private final Database database;

  public RequestLogQueries(Database database) {
    this.database = database;
  }

  /** Totals between {@code fromMillis} (inclusive) and {@code toMillis} (exclusive), grouped as asked. */
  public CompletableFuture<ArrayNode> usage(long fromMillis, long toMillis, List<String> groupBy) {
    List<String> select = new ArrayList<>();
    for (String group : groupBy) {
      String expression = GROUPS.get(group);
      if (expression == null) {
        throw new IllegalArgumentException("group_by: unknown dimension '" + group + "' (use " + GROUPS.keySet() + ")");
      }
      select.add(expression + " AS " + group);
    }
    String dimensions = String.join(", ", select);
    String sql = "SELECT " + (dimensions.isEmpty() ? "" : dimensions + ", ")
        + "COUNT(*) AS requests, "
        + "SUM(CASE WHEN status >= 400 OR error_type IS NOT NULL THEN 1 ELSE 0 END) AS errors, "
        + "SUM(prompt_tokens) AS prompt_tokens, SUM(completion_tokens) AS completion_tokens, "
        + "SUM(cached_tokens) AS cached_tokens, SUM(reasoning_tokens) AS reasoning_tokens, "
        + "SUM(cost_usd) AS cost_usd, SUM(saved_cost_usd) AS saved_cost_usd, "
        + "SUM(CASE WHEN cache_status LIKE '%hit%' THEN 1 ELSE 0 END) AS cache_hits "
        + "FROM request_log WHERE started_at >= ? AND started_at < ?"
        + (groupBy.isEmpty() ? "" : " GROUP BY " + String.join(", ", groupBy.stream().map(GROUPS::get).toList()))
        + " ORDER BY cost_usd DESC";
    return database.submit(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setLong(1, fromMillis);
        ps.setLong(2, toMillis);
        try (ResultSet rs = ps.executeQuery()) {
          return rows(rs);
        }
      }
    });
  }

  /**
   * Records newest first. {@code filters} keys are those of {@link #FILTERS} plus {@code from}/{@code to}
   * (epoch ms); {@code beforeMillis}/{@code beforeId} continue from the last record of the previous page.
   */
  public CompletableFuture<ArrayNode> logs(Map<String, String> filters, Long fromMillis, Long toMillis,
      Long beforeMillis, String beforeId, int limit) {
    StringBuilder sql = new StringBuilder("SELECT ").append(metadataColumns()).append(" FROM request_log WHERE 1=1");
    List<Object> args = new ArrayList<>();
    for (Map.Entry<String, String> filter : filters.entrySet()) {
      String column = FILTERS.get(filter.getKey());
      if (column == null) {
        throw new IllegalArgumentException("unknown filter '" + filter.getKey() + "' (use " + FILTERS.keySet() + ")");
      }
      sql.append(" AND ").append(column).append(" = ?");
      args.add("status".equals(filter.getKey()) ? (Object) Long.parseLong(filter.getValue()) : filter.getValue());
    }
    if (fromMillis != null) {
      sql.append(" AND started_at >= ?");
      args.add(fromMillis);
    }
    if (toMillis != null) {
      sql.append(" AND started_at < ?");
      args.add(toMillis);
    }
    if (beforeMillis != null && beforeId != null) {
      sql.append(" AND (started_at < ? OR (started_at = ? AND request_id < ?))");
      args.add(beforeMillis);
      args.add(beforeMillis);
      args.add(beforeId);
    }
    sql.append(" ORDER BY started_at DESC, request_id DESC LIMIT ").append(Math.max(1, Math.min(MAX_PAGE, limit)));
    return database.submit(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        for (int i = 0; i < args.size(); i++) {
          Object arg = args.get(i);
          if (arg instanceof Long l) {
            ps.setLong(i + 1, l);
          } else {
            ps.setString(i + 1, (String) arg);
          }
        }
        try (ResultSet rs = ps.executeQuery()) {
          return rows(rs);
        }
      }
    });
  }

  /** One whole record (with any kept bodies), or null. */
  public CompletableFuture<ObjectNode> record(String requestId) {
    return database.submit(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM request_log WHERE request_id = ?")) {
        ps.setString(1, requestId);
        try (ResultSet rs = ps.executeQuery()) {
          ArrayNode rows = rows(rs);
          return rows.isEmpty() ? null : (ObjectNode) rows.get(0);
        }
      }
    });
  }

  /** How many records are stored. */
  public CompletableFuture<Long> count() {
    return database.submit(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM request_log");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  private static String metadataColumns() {
    List<String> names = new ArrayList<>();
    for (LogColumns.Column column : LogColumns.ALL) {
      if (!column.name().endsWith("_body")) {
        names.add(column.name());
      }
    }
    return String.join(", ", names);
  }

  private static ArrayNode rows(ResultSet rs) throws SQLException {
    ArrayNode out = Json.array();
    ResultSetMetaData meta = rs.getMetaData();
    while (rs.next()) {
      ObjectNode row = out.addObject();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        String name = meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT);
        Object value = rs.getObject(i);
        if (value == null) {
          row.putNull(name);
        } else if (value instanceof Number n) {
          if (name.endsWith("_usd")) {
            row.put(name, n.doubleValue());
          } else {
            row.put(name, n.longValue());
          }
        } else {
          row.put(name, value.toString());
        }
      }
    }
    return out;
  }

  private static Map<String, String> groups() {
    Map<String, String> groups = new LinkedHashMap<>();
    groups.put("key", "key_id");
    groups.put("team", "team");
    groups.put("model", "requested_model");
    groups.put("served_model", "served_model");
    groups.put("provider", "provider");
    groups.put("day", "(started_at / 86400000)");
    return java.util.Collections.unmodifiableMap(groups);
  }

  private static Map<String, String> filters() {
    Map<String, String> filters = new LinkedHashMap<>();
    filters.put("key", "key_id");
    filters.put("team", "team");
    filters.put("model", "requested_model");
    filters.put("provider", "provider");
    filters.put("status", "status");
    filters.put("error_type", "error_type");
    filters.put("cache_status", "cache_status");
    filters.put("request_id", "request_id");
    return java.util.Collections.unmodifiableMap(filters);
  }
}
