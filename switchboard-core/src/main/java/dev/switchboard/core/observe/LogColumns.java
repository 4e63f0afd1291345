package dev.switchboard.core.observe;

import java.util.List;

/** The columns of the {@code request_log} table, in insert order, with the SQL type used to bind each. */
final class LogColumns {
  enum Type { TEXT, LONG, DOUBLE }

  record Column(String name, Type type) {}

  static final String TABLE = "request_log";

  static final List<Column> ALL = List.of(
      new Column("request_id", Type.TEXT),
      new Column("started_at", Type.LONG),
      new Column("endpoint", Type.TEXT),
      new Column("stream", Type.LONG),
      new Column("key_id", Type.TEXT),
      new Column("team", Type.TEXT),
      new Column("requested_model", Type.TEXT),
      new Column("served_model", Type.TEXT),
      new Column("provider", Type.TEXT),
      new Column("deployment", Type.TEXT),
      new Column("attempt_count", Type.LONG),
      new Column("attempts", Type.TEXT),
      new Column("route_decision", Type.TEXT),
      new Column("cache_status", Type.TEXT),
      new Column("saved_cost_usd", Type.DOUBLE),
      new Column("prompt_tokens", Type.LONG),
      new Column("completion_tokens", Type.LONG),
      new Column("cached_tokens", Type.LONG),
      new Column("cache_creation_tokens", Type.LONG),
      new Column("reasoning_tokens", Type.LONG),
      new Column("tokens_estimated", Type.LONG),
      new Column("cost_usd", Type.DOUBLE),
      new Column("priced", Type.LONG),
      new Column("total_us", Type.LONG),
      new Column("ttft_us", Type.LONG),
      new Column("upstream_us", Type.LONG),
      new Column("overhead_us", Type.LONG),
      new Column("status", Type.LONG),
      new Column("error_type", Type.TEXT),
      new Column("error_code", Type.TEXT),
      new Column("finish_reason", Type.TEXT),
      new Column("guard_outcomes", Type.TEXT),
      new Column("bodies_kept", Type.TEXT),
      new Column("request_body", Type.TEXT),
      new Column("response_body", Type.TEXT));

  /** Schema versions, applied in order; each is a list of statements valid in both SQLite and PostgreSQL. */
  static final List<List<String>> MIGRATIONS = List.of(List.of(
      "CREATE TABLE IF NOT EXISTS request_log ("
          + "request_id TEXT PRIMARY KEY, started_at BIGINT NOT NULL, endpoint TEXT, stream INTEGER, key_id TEXT, "
          + "team TEXT, requested_model TEXT, served_model TEXT, provider TEXT, deployment TEXT, "
          + "attempt_count INTEGER, attempts TEXT, route_decision TEXT, cache_status TEXT, "
          + "saved_cost_usd DOUBLE PRECISION, prompt_tokens BIGINT, completion_tokens BIGINT, cached_tokens BIGINT, "
          + "cache_creation_tokens BIGINT, reasoning_tokens BIGINT, tokens_estimated INTEGER, "
          + "cost_usd DOUBLE PRECISION, priced INTEGER, total_us BIGINT, ttft_us BIGINT, upstream_us BIGINT, "
          + "overhead_us BIGINT, status INTEGER, error_type TEXT, error_code TEXT, finish_reason TEXT, "
          + "guard_outcomes TEXT, bodies_kept TEXT, request_body TEXT, response_body TEXT)",
      "CREATE INDEX IF NOT EXISTS request_log_started_at ON request_log (started_at)",
      "CREATE INDEX IF NOT EXISTS request_log_key_started ON request_log (key_id, started_at)",
      "CREATE INDEX IF NOT EXISTS request_log_team_started ON request_log (team, started_at)"));

  private LogColumns() {}
}
