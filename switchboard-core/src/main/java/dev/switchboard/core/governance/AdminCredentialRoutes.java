package dev.switchboard.core.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.ErrorType;
import dev.switchboard.api.Json;
import io.vertx.core.Future;
import java.util.regex.Pattern;

/** The {@code /admin/credentials} routes: write-only provider keys, listed by name. */
final class AdminCredentialRoutes {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  private final CredentialVault vault;

  AdminCredentialRoutes(CredentialVault vault) {
    this.vault = vault;
  }

  Future<AdminResponse> list(AdminRequest request) {
    if (vault == null) {
      return disabled();
    }
    return vault.names().map(names -> {
      ObjectNode body = Json.object();
      ArrayNode data = body.putArray("data");
      names.forEach(name -> data.addObject().put("name", name));
      return AdminResponse.ok(body);
    });
  }

  Future<AdminResponse> put(AdminRequest request) {
    if (vault == null) {
      return disabled();
    }
    String name = request.param("name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("name: 1-100 of A-Z a-z 0-9 . _ -");
    }
    JsonNode secret = request.body().get("api_key");
    if (secret == null || !secret.isTextual() || secret.textValue().isBlank()) {
      throw new IllegalArgumentException("api_key: required string");
    }
    return vault.put(name, secret.textValue()).map(done -> {
      ObjectNode body = Json.object();
      body.put("name", name);
      body.put("stored", true);
      return AdminResponse.ok(body);
    });
  }

  Future<AdminResponse> delete(AdminRequest request) {
    if (vault == null) {
      return disabled();
    }
    return vault.delete(request.param("name")).map(deleted -> {
      if (!deleted) {
        return AdminResponse.notFound("Credential");
      }
      ObjectNode body = Json.object();
      body.put("deleted", true);
      return AdminResponse.ok(body);
    });
  }

  Future<AdminResponse> rotate(AdminRequest request) {
    if (vault == null) {
      return disabled();
    }
    return vault.rotate().map(count -> {
      ObjectNode body = Json.object();
      body.put("reencrypted", count);
      return AdminResponse.ok(body);
    });
  }

  private static Future<AdminResponse> disabled() {
    return Future.succeededFuture(AdminResponse.error(409, ErrorType.INVALID_REQUEST, "credentials_disabled",
        "Stored credentials need a master key: set SWITCHBOARD_MASTER_KEY."));
  }
}
