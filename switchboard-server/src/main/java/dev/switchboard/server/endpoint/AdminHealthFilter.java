package dev.switchboard.server.endpoint;

import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.Filter;
import dev.switchboard.core.pipeline.GatewayResponse;
import dev.switchboard.core.pipeline.Verdict;
import dev.switchboard.core.routing.HealthView;
import io.vertx.core.Future;

/** Answers {@code GET /admin/health} with the live health map (providers, keys, deployments, groups). */
public final class AdminHealthFilter implements Filter {
  private final HealthView health;

  public AdminHealthFilter(HealthView health) {
    this.health = health;
  }

  @Override
  public String name() {
    return "admin-health";
  }

  @Override
  public Future<Verdict> onRequest(Exchange exchange) {
    return Verdict.answer(GatewayResponse.ok(health.snapshot()));
  }
}
