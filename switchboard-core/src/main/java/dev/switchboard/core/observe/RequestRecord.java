package dev.switchboard.core.observe;

import dev.switchboard.core.usage.Usage;
import java.util.ArrayList;
import java.util.List;

/**
 * What happened to one request, filled in as it passes the chain and handed to the request log at the end.
 * Confined to the request's event loop.
 */
public final class RequestRecord {
  public String provider;
  public String deployment;
  public String servedModel;
  public String routeDecision;
  public String cacheStatus = "none";
  public double savedCostUsd;
  public Usage usage;
  public double costUsd;
  /** False when no price was known for the served model (cost reported as 0). */
  public boolean priced;
  public long firstTokenNanos;
  public long upstreamNanos;
  public int status;
  public String errorType;
  public String errorCode;
  public String finishReason;
  public final List<String> guardOutcomes = new ArrayList<>(2);
  private final List<AttemptRecord> attempts = new ArrayList<>(2);

  public void addAttempt(AttemptRecord attempt) {
    attempts.add(attempt);
  }

  public List<AttemptRecord> attempts() {
    return attempts;
  }
}
