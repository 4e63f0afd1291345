package dev.switchboard.core.config;

import java.util.List;

/**
 * Virtual keys, limits, budgets, upstream-URL policy and the request deadline (a request must be fully received
 * within {@code request_deadline_ms}, or its connection is closed). {@code redis_timeout_ms} bounds each limiter or
 * ledger call to Redis; past it (or on an error) limits and budgets fall back to this node's local share, and after
 * three failures in a row Redis is not asked again for {@code redis_breaker_open_ms}. A budget reservation holds a
 * lease of {@code reservation_lease_ms}; an unsettled one (crashed node) is released when it runs out. Keys and teams created through the admin API live in the
 * store; {@code teams} and {@code models} here declare quotas for config-file deployments and per model.
 */
public record GovernanceConfig(
    Long keyCacheTtlMs,
    String customerHeader,
    String tablePrefix,
    Integer expectedNodes,
    List<QuotaConfig> teams,
    List<QuotaConfig> models,
    BudgetAlertConfig alerts,
    UpstreamUrlConfig upstream,
    CostDefaultsConfig costs,
    Long requestDeadlineMs,
    Long redisTimeoutMs,
    Long redisBreakerOpenMs,
    Long reservationLeaseMs) {

  public GovernanceConfig {
    keyCacheTtlMs = keyCacheTtlMs == null ? 60_000L : keyCacheTtlMs;
    customerHeader = customerHeader == null ? "x-switchboard-customer" : customerHeader;
    tablePrefix = tablePrefix == null ? "sb_" : tablePrefix;
    expectedNodes = expectedNodes == null ? 2 : expectedNodes;
    teams = teams == null ? List.of() : List.copyOf(teams);
    models = models == null ? List.of() : List.copyOf(models);
    alerts = alerts == null ? BudgetAlertConfig.defaults() : alerts;
    upstream = upstream == null ? UpstreamUrlConfig.defaults() : upstream;
    costs = costs == null ? CostDefaultsConfig.defaults() : costs;
    requestDeadlineMs = requestDeadlineMs == null ? 60_000L : requestDeadlineMs;
    redisTimeoutMs = redisTimeoutMs == null ? 250L : redisTimeoutMs;
    redisBreakerOpenMs = redisBreakerOpenMs == null ? 5_000L : redisBreakerOpenMs;
    reservationLeaseMs = reservationLeaseMs == null ? 15 * 60_000L : reservationLeaseMs;
    if (redisTimeoutMs < 1) {
      throw new IllegalArgumentException("governance.redis_timeout_ms: must be positive");
    }
    if (reservationLeaseMs < 1_000) {
      throw new IllegalArgumentException("governance.reservation_lease_ms: must be at least 1000");
    }
    if (!tablePrefix.matches("[a-z][a-z0-9_]{0,30}")) {
      throw new IllegalArgumentException("governance.table_prefix: lower-case letters, digits and '_' only");
    }
  }

  public static GovernanceConfig defaults() {
    return new GovernanceConfig(null, null, null, null, null, null, null, null, null, null, null, null, null);
  }
}
