package dev.switchboard.core.governance;

import dev.switchboard.core.pipeline.Attribute;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.Filter;
import dev.switchboard.core.pipeline.GatewayException;
import dev.switchboard.core.pipeline.Verdict;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;

/**
 * The one place a client-supplied upstream URL is examined, on every route of the request chain. The URL may come
 * from the {@code x-switchboard-upstream-url} header or the {@code api_base} / {@code base_url} body fields; those
 * fields are removed from the body either way. Refused unless allowed by {@link UpstreamUrlGuard}; an allowed URL
 * is resolved off the event loop, its addresses vetted, and the result left for the route as
 * {@link #VETTED_UPSTREAM}.
 */
public final class UpstreamUrlFilter implements Filter {
  public static final String HEADER = "x-switchboard-upstream-url";
  private static final List<String> BODY_FIELDS = List.of("api_base", "base_url");

  /** A client-supplied upstream that passed the guard: connect to one of {@code addresses}, not to a new lookup. */
  public record VettedUpstream(URI uri, List<InetAddress> addresses) {}

  public static final Attribute<VettedUpstream> VETTED_UPSTREAM = Attribute.named("vetted-upstream");

  private final UpstreamUrlGuard guard;
  private final Vertx vertx;

  public UpstreamUrlFilter(UpstreamUrlGuard guard, Vertx vertx) {
    this.guard = guard;
    this.vertx = vertx;
  }

  @Override
  public String name() {
    return "upstream-url-guard";
  }

  @Override
  public Future<Verdict> onRequest(Exchange exchange) {
    String url = exchange.header(HEADER);
    for (String field : BODY_FIELDS) {
      if (exchange.body().has(field)) {
        String value = exchange.body().remove(field).asText("");
        url = url == null ? value : url;
      }
    }
    if (url == null) {
      return Verdict.proceed();
    }
    URI uri;
    try {
      uri = guard.checkUrl(url);
    } catch (UpstreamUrlGuard.UpstreamUrlRefused refused) {
      return refuse(refused);
    }
    String host = uri.getHost();
    return vertx.executeBlocking(() -> Arrays.asList(InetAddress.getAllByName(host)), false)
        .recover(error -> Future.failedFuture(new UpstreamUrlGuard.UpstreamUrlRefused(
            "the upstream host does not resolve")))
        .compose(addresses -> {
          guard.checkAddresses(addresses);
          exchange.put(VETTED_UPSTREAM, new VettedUpstream(uri, List.copyOf(addresses)));
          return Verdict.proceed();
        })
        .recover(error -> error instanceof UpstreamUrlGuard.UpstreamUrlRefused refused ? refuse(refused)
            : Future.failedFuture(error));
  }

  private static Future<Verdict> refuse(UpstreamUrlGuard.UpstreamUrlRefused refused) {
    return Verdict.reject(GatewayException.forbidden("Upstream URL refused: " + refused.getMessage() + ".",
        "upstream_url_refused"));
  }
}
