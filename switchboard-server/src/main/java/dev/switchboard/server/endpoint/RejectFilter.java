package dev.switchboard.server.endpoint;

import dev.switchboard.core.pipeline.Attribute;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.Filter;
import dev.switchboard.core.pipeline.GatewayException;
import dev.switchboard.core.pipeline.Verdict;
import io.vertx.core.Future;

/**
 * Answers a request that was refused before it could enter the proxy chain (unreadable, oversized or invalid
 * body) with its error, so that such requests still pass the access log and are recorded like any other.
 */
public final class RejectFilter implements Filter {
  /** The error the endpoint found. */
  public static final Attribute<GatewayException> ERROR = Attribute.named("rejection");

  @Override
  public String name() {
    return "reject";
  }

  @Override
  public Future<Verdict> onRequest(Exchange exchange) {
    GatewayException error = exchange.get(ERROR);
    return Verdict.reject(error != null ? error : GatewayException.internal());
  }
}
