package dev.switchboard.core.guard;

import dev.switchboard.api.ErrorType;
import dev.switchboard.core.cache.CacheFilter;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.Filter;
import dev.switchboard.core.pipeline.GatewayException;
import dev.switchboard.core.pipeline.Principal;
import dev.switchboard.core.pipeline.Verdict;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * Request guardrails: finds personal data and prompt-injection attempts in the request's text and, per the policy in
 * force for the caller's key, redacts, records or refuses. Runs after authentication (the policy may depend on the
 * key) and before the cache (it names the policy in force, which scopes cached answers). Small requests are checked
 * on the event loop, which costs microseconds; larger ones on the guard's worker pool.
 *
 * <p>Outcomes go to the request record as {@code check:action[:detail]}, for example {@code pii:redacted:EMAIL=1}
 * or {@code injection:flagged:0.91}; the PII itself is never recorded or echoed.
 */
public final class GuardFilter implements Filter {
  public static final String PII_CODE = "pii_detected";
  public static final String INJECTION_CODE = "prompt_injection_detected";

  private final GuardPolicy policy;
  private final String policyId;
  private final PiiDetector detector;
  private final InjectionScorer scorer;
  private final int inlineMaxChars;
  private final Function<Callable<Inspection>, Future<Inspection>> offload;

  GuardFilter(GuardPolicy policy, PiiDetector detector, InjectionScorer scorer, int inlineMaxChars,
      Function<Callable<Inspection>, Future<Inspection>> offload) {
    this.policy = policy;
    this.policyId = policy.id();
    this.detector = detector;
    this.scorer = scorer;
    this.inlineMaxChars = inlineMaxChars;
    this.offload = offload;
  }

  @Override
  public String name() {
    return "guard";
  }

  @Override
  public Future<Verdict> onRequest(Exchange exchange) {
    Principal principal = exchange.principal();
    GuardPolicy active = principal == null ? policy : policy.withOverrides(principal.metadata());
    exchange.put(CacheFilter.GUARD_POLICY, active == policy ? policyId : active.id());
    if (active.inactive()) {
      return Verdict.proceed();
    }
    List<ChatText.Slot> slots = ChatText.slots(exchange.body());
    if (slots.isEmpty()) {
      return Verdict.proceed();
    }
    long chars = 0;
    for (ChatText.Slot slot : slots) {
      chars += slot.text().length();
    }
    boolean checkPii = active.pii() != GuardPolicy.PiiMode.OFF;
    boolean checkInjection = active.injection() != GuardPolicy.InjectionMode.OFF;
    Callable<Inspection> inspect = () -> Inspection.of(slots, detector, scorer, checkPii, checkInjection);
    if (chars <= inlineMaxChars) {
      Inspection found;
      try {
        found = inspect.call();
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
      return decide(exchange, active, slots, found);
    }
    return offload.apply(inspect).compose(found -> decide(exchange, active, slots, found));
  }

  private Future<Verdict> decide(Exchange exchange, GuardPolicy active, List<ChatText.Slot> slots, Inspection found) {
    List<String> outcomes = exchange.record().guardOutcomes;
    boolean pii = active.pii() != GuardPolicy.PiiMode.OFF && found.hasPii();
    Placeholders placeholders = pii ? redact(slots, found) : null;
    double score = found.injection().score();
    if (active.injection() != GuardPolicy.InjectionMode.OFF && score >= active.threshold()) {
      String detail = String.format(Locale.ROOT, "%.2f", score);
      if (active.injection() == GuardPolicy.InjectionMode.BLOCK) {
        outcomes.add("injection:blocked:" + detail);
        return Verdict.reject(new GatewayException(400, ErrorType.INVALID_REQUEST, INJECTION_CODE, "messages",
            "The request was refused by the gateway's prompt-injection guardrail (score " + detail
                + ", families " + String.join(", ", found.injection().families()) + ")."));
      }
      outcomes.add("injection:flagged:" + detail);
    }
    if (!pii) {
      return Verdict.proceed();
    }
    if (active.pii() == GuardPolicy.PiiMode.BLOCK) {
      Set<PiiType> types = found.piiTypes();
      List<String> names = new ArrayList<>(types.size());
      types.forEach(t -> names.add(t.label()));
      names.sort(null);
      outcomes.add("pii:blocked:" + String.join("+", names));
      return Verdict.reject(new GatewayException(400, ErrorType.INVALID_REQUEST, PII_CODE, "messages",
          "The request contains personal data or secrets (" + String.join(", ", names)
              + ") and this key's guardrail policy refuses such requests. Remove them and retry."));
    }
    outcomes.add("pii:redacted:" + join(placeholders.counts()));
    return Verdict.proceed();
  }

  /**
   * Replaces the findings in the request body, whatever is decided next. A refused request is redacted too: the
   * request log keeps the bodies of failed requests, and must not keep the personal data in them.
   */
  private static Placeholders redact(List<ChatText.Slot> slots, Inspection found) {
    Placeholders placeholders = new Placeholders();
    for (int i = 0; i < slots.size(); i++) {
      List<PiiSpan> spans = found.spans().get(i);
      if (!spans.isEmpty()) {
        slots.get(i).set(placeholders.apply(slots.get(i).text(), spans));
      }
    }
    return placeholders;
  }

  private static String join(Map<String, Integer> counts) {
    StringBuilder out = new StringBuilder();
    counts.forEach((type, n) -> {
      if (out.length() > 0) {
        out.append('+');
      }
      out.append(type).append('=').append(n);
    });
    return out.toString();
  }
}
