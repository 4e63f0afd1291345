package dev.switchboard.core.limits;

/** A scope's spend crossed its soft budget threshold in a period. Amounts in micro-dollars. */
public record BudgetAlert(String scope, BudgetWindow window, String period, long spentMicros, long softMicros,
    long hardMicros, long atEpochMillis) {}
