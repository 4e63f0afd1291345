package dev.switchboard.server.endpoint;

import dev.switchboard.core.auth.AuthFilter;
import dev.switchboard.core.governance.AdminAuthenticator;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.Filter;
import dev.switchboard.core.pipeline.GatewayException;
import dev.switchboard.core.pipeline.GatewayResponse;
import dev.switchboard.core.pipeline.Verdict;
import dev.switchboard.core.routing.HealthView;
import io.vertx.core.Future;

/**
 * Answers {@code GET /admin/health} with the live health map (providers, keys, deployments, groups). Only the admin
 * key opens it: client keys get a 401, and without an admin key configured the route is disabled (403).
 */
public final class AdminHealthFilter implements Filter {
  private final HealthView health;
  private final AdminAuthenticator admin;

  public AdminHealthFilter(HealthView health, AdminAuthenticator admin) {
    this.health = health;
    this.admin = admin;
  }

  @Override
  public String name() {
    return "admin-health";
  }

  @Override
  public Future<Verdict> onRequest(Exchange exchange) {
    if (!admin.enabled()) {
      return Verdict.reject(GatewayException.forbidden(
          "The admin API is disabled. Set SWITCHBOARD_ADMIN_KEY to enable it.", "admin_disabled"));
    }
    if (!admin.accepts(AuthFilter.presentedKey(exchange))) {
      return Verdict.reject(GatewayException.unauthorized("A valid admin key is required."));
    }
    return Verdict.answer(GatewayResponse.ok(health.snapshot()));
  }
}
