package dev.switchboard.server.endpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.governance.AdminApi;
import dev.switchboard.core.governance.AdminResponse;
import dev.switchboard.core.pipeline.GatewayException;
import dev.switchboard.server.http.BodyReader;
import dev.switchboard.server.http.ErrorWriter;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code /admin/*}: reads the (capped) JSON body and hands the call to {@link AdminApi}, which checks the admin key
 * before anything else. Responses are never cached by intermediaries.
 */
public final class AdminEndpoint implements Handler<HttpServerRequest> {
  private static final long MAX_ADMIN_BODY_BYTES = 64 * 1024;
  private final AdminApi admin;
  private final ErrorWriter errors;

  public AdminEndpoint(AdminApi admin, ErrorWriter errors) {
    this.admin = admin;
    this.errors = errors;
  }

  @Override
  public void handle(HttpServerRequest request) {
    BodyReader.read(request, MAX_ADMIN_BODY_BYTES).compose(bytes -> {
      JsonNode body = parse(bytes);
      Map<String, String> query = new HashMap<>();
      request.params().forEach(entry -> query.putIfAbsent(entry.getKey(), entry.getValue()));
      return admin.handle(request.method().name(), request.path(), query, request.getHeader("authorization"),
          body);
    }).onComplete(done -> {
      if (done.failed()) {
        Throwable cause = done.cause();
        errors.write(request, null, cause instanceof GatewayException e ? e : GatewayException.internal());
        return;
      }
      AdminResponse response = done.result();
      if (request.response().closed()) {
        return;
      }
      request.response().setStatusCode(response.status())
          .putHeader("content-type", "application/json")
          .putHeader("cache-control", "no-store")
          .end(Buffer.buffer(Json.write(response.body())));
    });
  }

  private static JsonNode parse(Buffer bytes) {
    if (bytes.length() == 0) {
      return null;
    }
    try {
      return Json.parse(bytes.getBytes());
    } catch (JsonProcessingException e) {
      throw GatewayException.invalidJson("Check that it is valid JSON.");
    }
  }
}
