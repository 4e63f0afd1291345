package dev.switchboard.core.governance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.limits.SpendLedger;
import io.vertx.core.Future;

/** The {@code /admin/keys} routes. */
final class AdminKeyRoutes {
  private final KeyService keys;
  private final SpendLedger ledger;

  AdminKeyRoutes(KeyService keys, SpendLedger ledger) {
    this.keys = keys;
    this.ledger = ledger;
  }

  Future<AdminResponse> list(AdminRequest request) {
    return keys.listKeys(request.query().get("team")).map(found -> {
      ObjectNode body = Json.object();
      ArrayNode data = body.putArray("data");
      found.forEach(key -> data.add(GovernanceJson.keyView(key)));
      return AdminResponse.ok(body);
    });
  }

  Future<AdminResponse> create(AdminRequest request) {
    return keys.createKey(request.body()).map(issued -> AdminResponse.created(withSecret(issued)));
  }

  Future<AdminResponse> get(AdminRequest request) {
    return keys.key(request.param("id")).map(key -> key == null ? AdminResponse.notFound("Key")
        : AdminResponse.ok(GovernanceJson.keyView(key)));
  }

  Future<AdminResponse> update(AdminRequest request) {
    return keys.updateKey(request.param("id"), request.body()).map(key -> key == null
        ? AdminResponse.notFound("Key") : AdminResponse.ok(GovernanceJson.keyView(key)));
  }

  Future<AdminResponse> rotate(AdminRequest request) {
    return keys.rotateKey(request.param("id")).map(issued -> issued == null
        ? AdminResponse.notFound("Active key") : AdminResponse.ok(withSecret(issued)));
  }

  Future<AdminResponse> revoke(AdminRequest request) {
    return keys.revokeKey(request.param("id")).map(key -> key == null ? AdminResponse.notFound("Key")
        : AdminResponse.ok(GovernanceJson.keyView(key)));
  }

  Future<AdminResponse> spend(AdminRequest request) {
    return keys.key(request.param("id")).compose(key -> key == null
        ? Future.succeededFuture(AdminResponse.notFound("Key"))
        : AdminApi.spend(ledger, "key:" + key.id(), key.budgets(), keys.now()));
  }

  /** The one response that carries a secret: creation and rotation. */
  private static ObjectNode withSecret(KeyService.IssuedKey issued) {
    ObjectNode body = GovernanceJson.keyView(issued.key());
    body.put("key", issued.secret());
    return body;
  }
}
