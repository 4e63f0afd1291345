package dev.switchboard.core.limits;

import dev.switchboard.api.ErrorType;
import dev.switchboard.core.pipeline.Attribute;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.Filter;
import dev.switchboard.core.pipeline.GatewayException;
import dev.switchboard.core.pipeline.Verdict;
import dev.switchboard.core.time.Clock;
import dev.switchboard.core.usage.Usage;
import io.vertx.core.Future;
import java.util.List;
import java.util.Locale;

/**
 * Budgets per key, team, customer and model over calendar windows. Reserves the request's maximum cost at
 * admission and settles the real cost at completion, so concurrent requests cannot spend past a hard limit on a
 * number that is not yet counted. Refuses with 429 {@code budget_exceeded}.
 */
public final class BudgetFilter implements Filter {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BudgetFilter.class);
  private static final Attribute<BudgetReservation> RESERVATION = Attribute.named("budget-reservation");
  private final SpendLedger ledger;
  private final QuotaDirectory directory;
  private final CostEstimator prices;
  private final long defaultMaxTokens;
  private final Clock clock;

  public BudgetFilter(SpendLedger ledger, QuotaDirectory directory, CostEstimator prices, long defaultMaxTokens,
      Clock clock) {
    this.ledger = ledger;
    this.directory = directory;
    this.prices = prices;
    this.defaultMaxTokens = defaultMaxTokens;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "budget";
  }

  @Override
  public Future<Verdict> onRequest(Exchange exchange) {
    return Quotas.of(exchange, directory).compose(quotas -> {
      List<BudgetCharge> charges = BudgetCharge.of(quotas);
      if (charges.isEmpty()) {
        return Verdict.proceed();
      }
      long estimate = prices.estimateMicros(exchange.model(), TokenEstimate.promptTokens(exchange.body()),
          TokenEstimate.maxCompletionTokens(exchange.body(), defaultMaxTokens));
      return ledger.reserve(charges, estimate)
          .recover(error -> {
            LOG.warn("event=budget_ledger_unavailable reason={}", error.getMessage());
            return Future.failedFuture(GatewayException.unavailable(
                "Budgets cannot be checked right now; the request was not sent. Please retry shortly."));
          })
          .compose(reservation -> decide(exchange, reservation));
    });
  }

  private Future<Verdict> decide(Exchange exchange, BudgetReservation reservation) {
    if (reservation.allowed()) {
      exchange.put(RESERVATION, reservation);
      return Verdict.proceed();
    }
    BudgetCharge refused = reservation.refusedBy();
    String window = refused.limit().window().wireName();
    long end = reservation.refusedPeriodEndMillis();
    long retryAfter = end == Long.MAX_VALUE ? -1 : Math.max(1, (end - clock.epochMillis() + 999) / 1000);
    String message = String.format(Locale.ROOT,
        "Budget exceeded for %s: the %s budget is $%.4f and $%.4f is already spent or reserved.",
        refused.scope(), window, refused.limit().hardUsd(), Money.toUsd(reservation.refusedSpentMicros()));
    return Verdict.reject(new GatewayException(429, ErrorType.BUDGET_EXCEEDED, "budget_exceeded", null, message,
        retryAfter));
  }

  @Override
  public void onComplete(Exchange exchange) {
    BudgetReservation reservation = exchange.get(RESERVATION);
    if (reservation == null) {
      return;
    }
    exchange.put(RESERVATION, null);
    ledger.settle(reservation, actualMicros(exchange, reservation));
  }

  private long actualMicros(Exchange exchange, BudgetReservation reservation) {
    if ("hit".equals(exchange.record().cacheStatus)) {
      return 0;
    }
    double recorded = exchange.record().costUsd;
    if (recorded > 0) {
      return Money.toMicrosCeil(recorded);
    }
    Usage usage = exchange.record().usage;
    if (usage != null) {
      return prices.costMicros(exchange.model(), usage);
    }
    return exchange.record().status >= 400 ? 0 : reservation.estimateMicros();
  }
}
