package dev.switchboard.core.limits;

/** Where settled spend is made durable (the store), so that budgets survive a restart. Must not block. */
public interface SpendJournal {
  void record(String scope, String period, long micros);

  SpendJournal NONE = (scope, period, micros) -> { };
}
