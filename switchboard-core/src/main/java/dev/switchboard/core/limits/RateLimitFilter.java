package dev.switchboard.core.limits;

import dev.switchboard.core.pipeline.Attribute;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.Filter;
import dev.switchboard.core.pipeline.GatewayException;
import dev.switchboard.core.pipeline.Verdict;
import dev.switchboard.core.usage.Usage;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;

/**
 * Requests per minute, tokens per minute and concurrent requests, per key, team, customer and model. Tokens are
 * charged with an estimate (prompt plus maximum completion) at admission and corrected with the real usage when
 * the request completes. Answers 429 with {@code Retry-After}; sets OpenAI's {@code x-ratelimit-*} headers.
 */
public final class RateLimitFilter implements Filter {
  private static final Attribute<RateAdmission> ADMISSION = Attribute.named("rate-admission");
  private final RateLimiter limiter;
  private final QuotaDirectory directory;
  private final long defaultMaxTokens;

  public RateLimitFilter(RateLimiter limiter, QuotaDirectory directory, long defaultMaxTokens) {
    this.limiter = limiter;
    this.directory = directory;
    this.defaultMaxTokens = defaultMaxTokens;
  }

  @Override
  public String name() {
    return "rate-limit";
  }

  @Override
  public Future<Verdict> onRequest(Exchange exchange) {
    return Quotas.of(exchange, directory).compose(quotas -> {
      if (quotas.isEmpty()) {
        return Verdict.proceed();
      }
      long tokens = TokenEstimate.promptTokens(exchange.body())
          + TokenEstimate.maxCompletionTokens(exchange.body(), defaultMaxTokens);
      return limiter.admit(quotas, tokens).compose(admission -> decide(exchange, admission));
    });
  }

  private Future<Verdict> decide(Exchange exchange, RateAdmission admission) {
    writeHeaders(exchange.responseHeaders(), admission);
    if (admission.allowed()) {
      exchange.put(ADMISSION, admission);
      return Verdict.proceed();
    }
    long retryAfter = Math.max(1, (admission.retryAfterMillis() + 999) / 1000);
    String what = "concurrency".equals(admission.limitedKind()) ? "concurrent requests"
        : admission.limitedKind() + " per minute";
    return Verdict.reject(GatewayException.rateLimited("Rate limit reached for " + what + " on "
        + admission.limitedScope() + ". Please try again in " + retryAfter + "s.", retryAfter));
  }

  @Override
  public void onComplete(Exchange exchange) {
    RateAdmission admission = exchange.get(ADMISSION);
    if (admission == null) {
      return;
    }
    exchange.put(ADMISSION, null);
    Usage usage = exchange.record().usage;
    long actual;
    if ("hit".equals(exchange.record().cacheStatus)) {
      actual = 0;
    } else if (usage != null) {
      actual = usage.totalTokens();
    } else {
      actual = exchange.record().status >= 400 ? 0 : admission.estimatedTokens;
    }
    limiter.settle(admission, actual);
  }

  static void writeHeaders(MultiMap headers, RateAdmission admission) {
    if (admission.requestsLimit() >= 0) {
      headers.set("x-ratelimit-limit-requests", Long.toString(admission.requestsLimit()));
      headers.set("x-ratelimit-remaining-requests", Long.toString(admission.requestsRemaining()));
      headers.set("x-ratelimit-reset-requests", duration(60_000 / Math.max(1, admission.requestsLimit())));
    }
    if (admission.tokensLimit() >= 0) {
      headers.set("x-ratelimit-limit-tokens", Long.toString(admission.tokensLimit()));
      headers.set("x-ratelimit-remaining-tokens", Long.toString(admission.tokensRemaining()));
      long missing = admission.tokensLimit() - admission.tokensRemaining();
      headers.set("x-ratelimit-reset-tokens", duration(missing * 60_000 / Math.max(1, admission.tokensLimit())));
    }
  }

  /** OpenAI's duration format: "1s", "6m0s", "250ms". */
  static String duration(long millis) {
    if (millis < 1000) {
      return millis + "ms";
    }
    long seconds = (millis + 999) / 1000;
    return seconds < 60 ? seconds + "s" : (seconds / 60) + "m" + (seconds % 60) + "s";
  }
}
