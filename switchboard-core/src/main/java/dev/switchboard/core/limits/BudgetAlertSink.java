package dev.switchboard.core.limits;

/** Receives soft-budget alerts. Must not block: it is called on the thread that settled the request. */
public interface BudgetAlertSink {
  void softLimitReached(BudgetAlert alert);

  BudgetAlertSink NONE = alert -> { };
}
