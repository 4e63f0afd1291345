package dev.switchboard.core.pipeline;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The per-request chain. Runs each filter's request side in order until one answers, then the response sides of
 * the filters that continued, in reverse. The last filter must answer. A filter that returns no verdict, throws,
 * or lets the request fall off the end is reported by name and the client gets a 500.
 */
public final class FilterChain {
  private final Filter[] filters;
  private final Consumer<ChainContractViolation> violationListener;

  public FilterChain(List<Filter> filters) {
    this(filters, violation -> { });
  }

  public FilterChain(List<Filter> filters, Consumer<ChainContractViolation> violationListener) {
    if (filters.isEmpty()) {
      throw new IllegalArgumentException("a chain needs at least one filter");
    }
    this.filters = filters.toArray(new Filter[0]);
    this.violationListener = violationListener;
  }

  /** The filters' names in order, e.g. "request-id → auth → route". */
  public String describe() {
    List<String> names = new ArrayList<>(filters.length);
    for (Filter filter : filters) {
      names.add(filter.name());
    }
    return String.join(" → ", names);
  }

  public List<String> names() {
    List<String> names = new ArrayList<>(filters.length);
    for (Filter filter : filters) {
      names.add(filter.name());
    }
    return names;
  }

  /** Starts the request side; the returned run yields the response and must be completed once it is written. */
  public ChainRun start(Exchange exchange) {
    ChainRun run = new ChainRun(filters, exchange, violationListener);
    run.advance(0);
    return run;
  }

  /** The state of one request's pass through the chain. */
  public static final class ChainRun {
    private final Filter[] filters;
    private final Exchange exchange;
    private final Consumer<ChainContractViolation> violationListener;
    private final io.vertx.core.Promise<GatewayResponse> promise = io.vertx.core.Promise.promise();
    private int ran;
    private boolean completed;

    private ChainRun(Filter[] filters, Exchange exchange, Consumer<ChainContractViolation> violationListener) {
      this.filters = filters;
      this.exchange = exchange;
      this.violationListener = violationListener;
    }

    /** The response after every response side ran. Never fails: errors become error responses. */
    public Future<GatewayResponse> response() {
      return promise.future();
    }

    /** Runs {@link Filter#onComplete} for every filter whose request side ran, in reverse. Idempotent. */
    public void complete() {
      if (completed) {
        return;
      }
      completed = true;
      for (int i = ran - 1; i >= 0; i--) {
        try {
          filters[i].onComplete(exchange);
        } catch (RuntimeException e) {
          violationListener.accept(new ChainContractViolation(filters[i].name(), "failed in onComplete: " + e));
        }
      }
    }

    void advance(int from) {
      int i = from;
      while (i < filters.length) {
        Filter filter = filters[i];
        ran = i + 1;
        Future<Verdict> verdict;
        try {
          verdict = filter.onRequest(exchange);
        } catch (GatewayException e) {
          answer(i, errorResponse(e));
          return;
        } catch (RuntimeException e) {
          violation(i, "threw " + e.getClass().getSimpleName() + " on the request side: " + e.getMessage());
          return;
        }
        if (verdict == null) {
          violation(i, "returned no verdict");
          return;
        }
        if (!verdict.isComplete()) {
          int index = i;
          verdict.onComplete(done -> {
            if (done.succeeded()) {
              decided(index, done.result(), true);
            } else {
              failed(index, done.cause());
            }
          });
          return;
        }
        if (verdict.failed()) {
          failed(i, verdict.cause());
          return;
        }
        if (!decided(i, verdict.result(), false)) {
          return;
        }
        i++;
      }
      violation(filters.length - 1, "continued, but it is the last filter and nothing answered the request");
    }

    /** Returns true when the filter continued and the caller should move on synchronously. */
    private boolean decided(int index, Verdict verdict, boolean resumeAsync) {
      if (verdict == null) {
        violation(index, "returned no verdict");
        return false;
      }
      if (verdict.continues()) {
        if (resumeAsync) {
          advance(index + 1);
        }
        return !resumeAsync;
      }
      answer(index, verdict.response());
      return false;
    }

    private void failed(int index, Throwable cause) {
      if (cause instanceof GatewayException e) {
        answer(index, errorResponse(e));
      } else {
        violation(index, "failed on the request side: " + cause);
      }
    }

    private void violation(int index, String message) {
      violationListener.accept(new ChainContractViolation(filters[index].name(), message));
      answer(index, errorResponse(GatewayException.internal()));
    }

    private GatewayResponse errorResponse(GatewayException error) {
      return ErrorResponses.toResponse(exchange, error);
    }

    private void answer(int answeredBy, GatewayResponse response) {
      if (response.status() >= 400 && answeredBy < filters.length - 1) {
        // a filter before the last one refused the request: a guard outcome for the request log
        exchange.record().guardOutcomes.add(filters[answeredBy].name() + ":" + response.status());
      }
      GatewayResponse current = response;
      for (int i = answeredBy - 1; i >= 0; i--) {
        try {
          GatewayResponse next = filters[i].onResponse(exchange, current);
          current = next == null ? current : next;
        } catch (GatewayException e) {
          current = errorResponse(e);
        } catch (RuntimeException e) {
          violationListener.accept(new ChainContractViolation(filters[i].name(),
              "threw " + e.getClass().getSimpleName() + " on the response side: " + e.getMessage()));
          current = errorResponse(GatewayException.internal());
        }
      }
      promise.tryComplete(current);
    }
  }
}
