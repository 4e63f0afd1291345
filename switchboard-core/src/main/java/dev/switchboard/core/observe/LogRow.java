package dev.switchboard.core.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One stored row of the request log: a value per {@link LogColumns#ALL column} in insert order ({@code String},
 * {@code Long}, {@code Double} or null). Rows are bound to the insert statement as they are; JSON is made only
 * where JSON is needed (the spool file, the live tail). Not thread-safe; never changed once handed on.
 */
public final class LogRow {
  private static final Map<String, Integer> INDEX = index();

  private final Object[] values = new Object[LogColumns.ALL.size()];

  LogRow() {}

  static int columnIndex(String column) {
    Integer i = INDEX.get(column);
    if (i == null) {
      throw new IllegalArgumentException("no request_log column " + column);
    }
    return i;
  }

  LogRow set(int column, Object value) {
    values[column] = value;
    return this;
  }

  LogRow set(String column, Object value) {
    return set(columnIndex(column), value);
  }

  Object value(int column) {
    return values[column];
  }

  /** The value of {@code column}, or null. */
  public Object value(String column) {
    return values[columnIndex(column)];
  }

  /** The value of {@code column} as text ("" when null). */
  public String text(String column) {
    Object value = value(column);
    return value == null ? "" : value.toString();
  }

  public String requestId() {
    return (String) values[0];
  }

  /** The row as a JSON object (column name → value; nulls included). */
  public ObjectNode toJson() {
    ObjectNode out = Json.object();
    List<LogColumns.Column> columns = LogColumns.ALL;
    for (int i = 0; i < values.length; i++) {
      Object value = values[i];
      String name = columns.get(i).name();
      if (value == null) {
        out.putNull(name);
      } else if (value instanceof Long l) {
        out.put(name, l.longValue());
      } else if (value instanceof Double d) {
        out.put(name, d.doubleValue());
      } else {
        out.put(name, value.toString());
      }
    }
    return out;
  }

  /** Reads a row written by {@link #toJson()}, typing each column as the table does; unknown fields are ignored. */
  static LogRow fromJson(ObjectNode json) {
    LogRow row = new LogRow();
    List<LogColumns.Column> columns = LogColumns.ALL;
    for (int i = 0; i < columns.size(); i++) {
      LogColumns.Column column = columns.get(i);
      JsonNode value = json.get(column.name());
      if (value == null || value.isNull()) {
        continue;
      }
      row.values[i] = switch (column.type()) {
        case TEXT -> value.asText();
        case LONG -> value.asLong();
        case DOUBLE -> value.asDouble();
      };
    }
    return row;
  }

  private static Map<String, Integer> index() {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < LogColumns.ALL.size(); i++) {
      index.put(LogColumns.ALL.get(i).name(), i);
    }
    return Map.copyOf(index);
  }
}
