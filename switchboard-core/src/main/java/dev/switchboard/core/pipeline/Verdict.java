package dev.switchboard.core.pipeline;

import io.vertx.core.Future;

/**
 * What a filter decided on the request side: continue to the next filter, or answer the request itself.
 * A filter returns exactly one verdict per request, which is how the chain enforces continue-or-answer.
 */
public final class Verdict {
  private static final Verdict CONTINUE = new Verdict(null);
  private static final Future<Verdict> CONTINUE_FUTURE = Future.succeededFuture(CONTINUE);

  private final GatewayResponse answer;

  private Verdict(GatewayResponse answer) {
    this.answer = answer;
  }

  /** Continue with the next filter (allocation-free). */
  public static Future<Verdict> proceed() {
    return CONTINUE_FUTURE;
  }

  /** Answer the request here; later filters do not run. */
  public static Future<Verdict> answer(GatewayResponse response) {
    if (response == null) {
      throw new IllegalArgumentException("answer needs a response");
    }
    return Future.succeededFuture(new Verdict(response));
  }

  /** Answer the request with an error. */
  public static Future<Verdict> reject(GatewayException error) {
    return Future.failedFuture(error);
  }

  public boolean continues() {
    return answer == null;
  }

  public GatewayResponse response() {
    return answer;
  }
}
