package dev.switchboard.core.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.limits.SpendLedger;
import io.vertx.core.Future;
import java.util.regex.Pattern;

/** The {@code /admin/teams} and {@code /admin/customers} routes. */
final class AdminTenantRoutes {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  private final KeyService keys;
  private final SpendLedger ledger;
  private final Tenant.Kind kind;

  AdminTenantRoutes(KeyService keys, SpendLedger ledger, Tenant.Kind kind) {
    this.keys = keys;
    this.ledger = ledger;
    this.kind = kind;
  }

  private String noun() {
    return kind == Tenant.Kind.TEAM ? "Team" : "Customer";
  }

  Future<AdminResponse> list(AdminRequest request) {
    return keys.tenants(kind).map(found -> {
      ObjectNode body = Json.object();
      ArrayNode data = body.putArray("data");
      found.forEach(tenant -> data.add(GovernanceJson.tenantView(tenant)));
      return AdminResponse.ok(body);
    });
  }

  Future<AdminResponse> create(AdminRequest request) {
    JsonNode body = request.body();
    String id = GovernanceJson.text(body, "id");
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("id: required, 1-100 of A-Z a-z 0-9 . _ -");
    }
    String team = kind == Tenant.Kind.CUSTOMER ? GovernanceJson.text(body, "team") : null;
    if (kind == Tenant.Kind.CUSTOMER && (team == null || !ID.matcher(team).matches())) {
      throw new IllegalArgumentException("team: required for a customer");
    }
    Tenant tenant = fromBody(id, team, body, keys.now());
    Future<Tenant> owner = team == null ? Future.succeededFuture(null) : keys.tenant(Tenant.Kind.TEAM, team);
    return owner.compose(found -> {
      if (team != null && found == null) {
        throw new IllegalArgumentException("team: unknown team '" + team + "'");
      }
      return keys.tenant(kind, tenant.storeId());
    }).compose(existing -> {
      if (existing != null) {
        throw new IllegalStateException(noun() + " '" + id + "' already exists");
      }
      return keys.saveTenant(tenant);
    }).map(saved -> AdminResponse.created(GovernanceJson.tenantView(saved)));
  }

  Future<AdminResponse> get(AdminRequest request) {
    return keys.tenant(kind, storeId(request)).map(tenant -> tenant == null ? AdminResponse.notFound(noun())
        : AdminResponse.ok(GovernanceJson.tenantView(tenant)));
  }

  Future<AdminResponse> update(AdminRequest request) {
    return keys.tenant(kind, storeId(request)).compose(tenant -> {
      if (tenant == null) {
        return Future.succeededFuture(AdminResponse.notFound(noun()));
      }
      ObjectNode merged = GovernanceJson.tenantView(tenant);
      request.body().fields().forEachRemaining(field -> {
        if (!field.getKey().equals("id") && !field.getKey().equals("team")) {
          merged.set(field.getKey(), field.getValue());
        }
      });
      Tenant updated = fromBody(tenant.id(), tenant.team(), merged, tenant.createdAtMillis());
      return keys.saveTenant(updated).map(saved -> AdminResponse.ok(GovernanceJson.tenantView(saved)));
    });
  }

  Future<AdminResponse> delete(AdminRequest request) {
    return keys.deleteTenant(kind, storeId(request)).map(deleted -> {
      if (deleted == null) {
        return AdminResponse.notFound(noun());
      }
      ObjectNode body = Json.object();
      body.put("deleted", true);
      return AdminResponse.ok(body);
    });
  }

  Future<AdminResponse> spend(AdminRequest request) {
    return keys.tenant(kind, storeId(request)).compose(tenant -> tenant == null
        ? Future.succeededFuture(AdminResponse.notFound(noun()))
        : AdminApi.spend(ledger, tenant.scope(), tenant.budgets(), keys.now()));
  }

  private String storeId(AdminRequest request) {
    return kind == Tenant.Kind.CUSTOMER ? request.param("team") + "/" + request.param("id") : request.param("id");
  }

  private Tenant fromBody(String id, String team, JsonNode body, long createdAt) {
    return new Tenant(kind, id, team, GovernanceJson.text(body, "name"), GovernanceJson.stringList(body, "models"),
        GovernanceJson.limits(body.path("limits")), GovernanceJson.budgets(body.path("budgets")),
        GovernanceJson.stringMap(body, "metadata"), createdAt);
  }
}
