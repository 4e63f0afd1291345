package dev.switchboard.core.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.ErrorType;
import dev.switchboard.api.Json;
import dev.switchboard.core.limits.BudgetLimit;
import dev.switchboard.core.limits.BudgetWindow;
import dev.switchboard.core.limits.Money;
import dev.switchboard.core.limits.SpendLedger;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API ({@code /admin/...}), independent of the HTTP server: the server hands over method, path, query,
 * the Authorization header and the parsed body. Every route requires the admin key. Secrets appear in a response
 * only when a key is created or rotated; provider credentials are never returned.
 */
public final class AdminApi {
  private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);
  private final AdminAuthenticator authenticator;
  private final List<Route> routes = new ArrayList<>();

  private record Route(String method, String[] segments, Function<AdminRequest, Future<AdminResponse>> handler) {
    String describe() {
      return method + " " + String.join("/", segments);
    }
  }

  public AdminApi(AdminAuthenticator authenticator, KeyService keys, SpendLedger ledger, CredentialVault vault) {
    this.authenticator = authenticator;
    AdminKeyRoutes keyRoutes = new AdminKeyRoutes(keys, ledger);
    add("GET", "/admin/keys", keyRoutes::list);
    add("POST", "/admin/keys", keyRoutes::create);
    add("GET", "/admin/keys/{id}", keyRoutes::get);
    add("PATCH", "/admin/keys/{id}", keyRoutes::update);
    add("DELETE", "/admin/keys/{id}", keyRoutes::revoke);
    add("POST", "/admin/keys/{id}/revoke", keyRoutes::revoke);
    add("POST", "/admin/keys/{id}/rotate", keyRoutes::rotate);
    add("GET", "/admin/keys/{id}/spend", keyRoutes::spend);
    AdminTenantRoutes teams = new AdminTenantRoutes(keys, ledger, Tenant.Kind.TEAM);
    add("GET", "/admin/teams", teams::list);
    add("POST", "/admin/teams", teams::create);
    add("GET", "/admin/teams/{id}", teams::get);
    add("PATCH", "/admin/teams/{id}", teams::update);
    add("DELETE", "/admin/teams/{id}", teams::delete);
    add("GET", "/admin/teams/{id}/spend", teams::spend);
    AdminTenantRoutes customers = new AdminTenantRoutes(keys, ledger, Tenant.Kind.CUSTOMER);
    add("GET", "/admin/customers", customers::list);
    add("POST", "/admin/customers", customers::create);
    add("GET", "/admin/customers/{team}/{id}", customers::get);
    add("PATCH", "/admin/customers/{team}/{id}", customers::update);
    add("DELETE", "/admin/customers/{team}/{id}", customers::delete);
    add("GET", "/admin/customers/{team}/{id}/spend", customers::spend);
    AdminCredentialRoutes credentials = new AdminCredentialRoutes(vault);
    add("GET", "/admin/credentials", credentials::list);
    add("PUT", "/admin/credentials/{name}", credentials::put);
    add("DELETE", "/admin/credentials/{name}", credentials::delete);
    add("POST", "/admin/credentials/rotate", credentials::rotate);
  }

  /** "METHOD /admin/path/{param}" for every route, for route enumeration. */
  public List<String> routes() {
    List<String> described = new ArrayList<>(routes.size());
    routes.forEach(route -> described.add(route.describe()));
    return described;
  }

  /** Handles one admin call. {@code authorization} is the raw Authorization header (may be null). */
  public Future<AdminResponse> handle(String method, String path, Map<String, String> query, String authorization,
      JsonNode body) {
    dev.switchboard.core.pipeline.GatewayException refused = authenticator.refusal(authorization);
    if (refused != null) {
      return Future.succeededFuture(new AdminResponse(refused.status(), refused.toBody()));
    }
    String[] segments = path.split("/", -1);
    boolean pathKnown = false;
    for (Route route : routes) {
      Map<String, String> params = match(route.segments(), segments);
      if (params == null) {
        continue;
      }
      pathKnown = true;
      if (route.method().equals(method)) {
        JsonNode safeBody = body == null || body.isNull() || body.isMissingNode() ? Json.object() : body;
        return invoke(route, new AdminRequest(params, query == null ? Map.of() : query, safeBody));
      }
    }
    return Future.succeededFuture(pathKnown
        ? AdminResponse.error(405, ErrorType.INVALID_REQUEST, "method_not_allowed", "Method not allowed.")
        : AdminResponse.error(404, ErrorType.NOT_FOUND, "unknown_url", "Unknown admin URL."));
  }

  private Future<AdminResponse> invoke(Route route, AdminRequest request) {
    Future<AdminResponse> answer;
    try {
      answer = route.handler().apply(request);
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    return answer.recover(error -> Future.succeededFuture(toError(route, error)));
  }

  private static AdminResponse toError(Route route, Throwable error) {
    if (error instanceof IllegalArgumentException) {
      return AdminResponse.badRequest(error.getMessage());
    }
    if (error instanceof IllegalStateException) {
      return AdminResponse.error(409, ErrorType.INVALID_REQUEST, "conflict", error.getMessage());
    }
    LOG.error("event=admin_failed route=\"{}\" error={}", route.describe(), error.getClass().getSimpleName());
    return AdminResponse.error(500, ErrorType.API_ERROR, "internal_error", "The admin request failed.");
  }

  private void add(String method, String pattern, Function<AdminRequest, Future<AdminResponse>> handler) {
    routes.add(new Route(method, pattern.split("/", -1), handler));
  }

  private static Map<String, String> match(String[] pattern, String[] path) {
    if (pattern.length != path.length) {
      return null;
    }
    Map<String, String> params = new HashMap<>(2);
    for (int i = 0; i < pattern.length; i++) {
      String expected = pattern[i];
      if (expected.startsWith("{")) {
        if (path[i].isEmpty() || path[i].length() > 200) {
          return null;
        }
        params.put(expected.substring(1, expected.length() - 1), path[i]);
      } else if (!expected.equals(path[i])) {
        return null;
      }
    }
    return params;
  }

  /** The spend of one scope for each of its budgets: window, period, spent, limits. */
  static Future<AdminResponse> spend(SpendLedger ledger, String scope, List<BudgetLimit> budgets, long nowMillis) {
    List<Future<Long>> spent = new ArrayList<>(budgets.size());
    for (BudgetLimit budget : budgets) {
      spent.add(ledger.spentMicros(scope, budget.window()));
    }
    return Future.all(spent).map(done -> {
      ObjectNode body = Json.object();
      body.put("scope", scope);
      ArrayNode list = body.putArray("budgets");
      for (int i = 0; i < budgets.size(); i++) {
        BudgetLimit budget = budgets.get(i);
        BudgetWindow window = budget.window();
        ObjectNode entry = list.addObject();
        entry.put("window", window.wireName());
        entry.put("period", window.periodId(nowMillis));
        entry.put("spent_usd", Money.toUsd(spent.get(i).result()));
        entry.put("max_usd", budget.hardUsd());
        if (budget.softUsd() != null) {
          entry.put("soft_usd", budget.softUsd());
        }
      }
      return AdminResponse.ok(body);
    });
  }
}
