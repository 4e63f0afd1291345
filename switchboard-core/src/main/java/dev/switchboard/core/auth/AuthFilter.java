package dev.switchboard.core.auth;

import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.Filter;
import dev.switchboard.core.pipeline.GatewayException;
import dev.switchboard.core.pipeline.Principal;
import dev.switchboard.core.pipeline.Verdict;
import io.vertx.core.Future;
import java.util.List;

/**
 * Authenticates the caller by its key: {@code Authorization: Bearer}, {@code x-api-key} (Anthropic clients) or
 * {@code api-key} (Azure clients). Resolvers are asked in order; the first that knows the key wins.
 */
public final class AuthFilter implements Filter {
  private static final java.util.regex.Pattern CUSTOMER = java.util.regex.Pattern.compile("[A-Za-z0-9._@:-]{1,100}");
  private final List<KeyResolver> resolvers;
  private final String customerHeader;

  public AuthFilter(List<KeyResolver> resolvers) {
    this(resolvers, null);
  }

  /**
   * With {@code customerHeader} set (e.g. "x-switchboard-customer"), a request may name the end customer it acts
   * for; keys bound to a customer ignore the header.
   */
  public AuthFilter(List<KeyResolver> resolvers, String customerHeader) {
    this.resolvers = List.copyOf(resolvers);
    this.customerHeader = customerHeader;
  }

  @Override
  public String name() {
    return "auth";
  }

  @Override
  public Future<Verdict> onRequest(Exchange exchange) {
    String key = presentedKey(exchange);
    if (key == null) {
      return Verdict.reject(GatewayException.unauthorized(
          "You didn't provide an API key. Send it as 'Authorization: Bearer YOUR_KEY'."));
    }
    return resolve(key, 0).compose(principal -> {
      if (principal == null) {
        return Verdict.reject(GatewayException.unauthorized("Incorrect API key provided."));
      }
      String customer = customerHeader == null ? null : exchange.header(customerHeader);
      if (customer != null && principal.customer() == null) {
        if (!CUSTOMER.matcher(customer).matches()) {
          return Verdict.reject(GatewayException.badRequest("The " + customerHeader
              + " header must be 1-100 characters of letters, digits and . _ @ : -", null));
        }
        exchange.principal(principal.withCustomer(customer));
      } else {
        exchange.principal(principal);
      }
      return Verdict.proceed();
    });
  }

  private Future<Principal> resolve(String key, int index) {
    if (index >= resolvers.size()) {
      return Future.succeededFuture(null);
    }
    Future<Principal> found = resolvers.get(index).resolve(key);
    if (found.isComplete() && found.succeeded() && found.result() != null) {
      return found;
    }
    return found.compose(p -> p != null ? Future.succeededFuture(p) : resolve(key, index + 1));
  }

  /** The key the client presented, or null. */
  public static String presentedKey(Exchange exchange) {
    return presentedKey(exchange.requestHeaders());
  }

  /** The key in {@code headers}, or null. */
  public static String presentedKey(io.vertx.core.MultiMap headers) {
    String authorization = headers.get("authorization");
    if (authorization != null) {
      if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        String key = authorization.substring(7).trim();
        return key.isEmpty() ? null : key;
      }
      return null;
    }
    String key = headers.get("x-api-key");
    if (key == null) {
      key = headers.get("api-key");
    }
    return key == null || key.isBlank() ? null : key.trim();
  }
}
