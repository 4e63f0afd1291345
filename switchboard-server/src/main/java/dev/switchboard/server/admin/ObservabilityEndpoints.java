package dev.switchboard.server.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.observe.Observability;
import dev.switchboard.core.observe.RequestLogQueries;
import dev.switchboard.core.pipeline.GatewayException;
import dev.switchboard.core.time.Clock;
import dev.switchboard.server.http.ErrorWriter;
import dev.switchboard.server.http.Route;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET /metrics} (Prometheus), {@code GET /admin/usage} (totals grouped by key, team, model, provider,
 * day), {@code GET /admin/logs} (filters and paging), {@code GET /admin/logs/tail} (live SSE),
 * {@code GET /admin/logs/<id>} (one record with kept bodies) and {@code GET|PUT|DELETE /admin/prices}. Every
 * route needs the admin key, which the router checks for every admin path (Prometheus sends it as its scrape
 * credentials).
 */
public final class ObservabilityEndpoints {
  private static final long DAY_MILLIS = 86_400_000L;
  private static final String LOGS_PREFIX = "/admin/logs/";

  private final Observability observability;
  private final Vertx vertx;
  private final Clock clock;
  private final ErrorWriter errors;

  public ObservabilityEndpoints(Observability observability, Vertx vertx, Clock clock, ErrorWriter errors) {
    this.observability = observability;
    this.vertx = vertx;
    this.clock = clock;
    this.errors = errors;
  }

  public List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    if (observability.config().metrics()) {
      routes.add(new Route(HttpMethod.GET, "/metrics", true, admin(this::metrics)));
    }
    routes.add(new Route(HttpMethod.GET, "/admin/usage", true, admin(this::usage)));
    routes.add(new Route(HttpMethod.GET, "/admin/logs", true, admin(this::logs)));
    routes.add(new Route(HttpMethod.GET, "/admin/logs/tail", true,
        admin(new LogTail(observability.log(), vertx)::handle)));
    routes.add(new Route(HttpMethod.GET, "/admin/logs/*", true, admin(this::record)));
    routes.add(new Route(HttpMethod.GET, "/admin/prices", true, admin(this::prices)));
    routes.add(new Route(HttpMethod.PUT, "/admin/prices", true, admin(this::putPrice)));
    routes.add(new Route(HttpMethod.DELETE, "/admin/prices", true, admin(this::deletePrice)));
    return routes;
  }

  private void metrics(HttpServerRequest request) {
    vertx.executeBlocking(() -> observability.metrics().scrape(), false).onComplete(done -> {
      if (done.failed()) {
        errors.write(request, null, GatewayException.internal());
        return;
      }
      request.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(done.result());
    });
  }

  /** The router has already checked the admin key; this turns thrown gateway errors into responses. */
  private Handler<HttpServerRequest> admin(Handler<HttpServerRequest> handler) {
    return request -> {
      try {
        handler.handle(request);
      } catch (GatewayException e) {
        errors.write(request, null, e);
      }
    };
  }

  private RequestLogQueries queries() {
    RequestLogQueries queries = observability.queries();
    if (queries == null) {
      throw GatewayException.unavailable("The request log is disabled (observability.request_log.enabled).");
    }
    return queries;
  }

  private void usage(HttpServerRequest request) {
    long to = time(request, "to", clock.epochMillis());
    long from = time(request, "from", to - DAY_MILLIS);
    List<String> groupBy = new ArrayList<>();
    String groups = request.getParam("group_by");
    if (groups != null && !groups.isBlank()) {
      for (String group : groups.split(",")) {
        String name = group.trim();
        if (!RequestLogQueries.GROUPS.containsKey(name)) {
          throw GatewayException.badRequest("group_by: unknown dimension '" + name + "'; use any of "
              + String.join(", ", RequestLogQueries.GROUPS.keySet()) + ".", "group_by");
        }
        groupBy.add(name);
      }
    }
    reply(request, queries().usage(from, to, groupBy), rows -> {
      ObjectNode body = Json.object().put("object", "usage").put("from", from).put("to", to);
      ArrayNode by = body.putArray("group_by");
      groupBy.forEach(by::add);
      body.set("totals", totals(rows));
      body.set("data", rows);
      return body;
    });
  }

  private static ObjectNode totals(ArrayNode rows) {
    ObjectNode totals = Json.object();
    for (String field : List.of("requests", "errors", "prompt_tokens", "completion_tokens", "cached_tokens",
        "reasoning_tokens", "cache_hits")) {
      long sum = 0;
      for (JsonNode row : rows) {
        sum += row.path(field).asLong(0);
      }
      totals.put(field, sum);
    }
    for (String field : List.of("cost_usd", "saved_cost_usd")) {
      double sum = 0;
      for (JsonNode row : rows) {
        sum += row.path(field).asDouble(0);
      }
      totals.put(field, sum);
    }
    return totals;
  }

  private void logs(HttpServerRequest request) {
    Map<String, String> filters = new LinkedHashMap<>();
    for (String name : RequestLogQueries.FILTERS.keySet()) {
      String value = request.getParam(name);
      if (value != null && !value.isEmpty()) {
        if ("status".equals(name) && !value.matches("\\d{3}")) {
          throw GatewayException.badRequest("status must be an HTTP status code.", "status");
        }
        filters.put(name, value);
      }
    }
    Long from = request.getParam("from") == null ? null : time(request, "from", 0);
    Long to = request.getParam("to") == null ? null : time(request, "to", 0);
    int limit = intParam(request, "limit", 50);
    Long beforeMillis = null;
    String beforeId = null;
    String cursor = request.getParam("cursor");
    if (cursor != null && !cursor.isEmpty()) {
      int colon = cursor.indexOf(':');
      try {
        beforeMillis = Long.parseLong(cursor.substring(0, Math.max(0, colon)));
        beforeId = cursor.substring(colon + 1);
      } catch (NumberFormatException e) {
        throw GatewayException.badRequest("cursor is not one this endpoint returned.", "cursor");
      }
    }
    reply(request, queries().logs(filters, from, to, beforeMillis, beforeId, limit), rows -> {
      ObjectNode body = Json.object().put("object", "list");
      body.set("data", rows);
      if (rows.size() >= Math.min(limit, RequestLogQueries.MAX_PAGE)) {
        JsonNode last = rows.get(rows.size() - 1);
        body.put("next_cursor", last.path("started_at").asLong() + ":" + last.path("request_id").asText());
      } else {
        body.putNull("next_cursor");
      }
      return body;
    });
  }

  private void record(HttpServerRequest request) {
    String id = request.path().substring(LOGS_PREFIX.length());
    reply(request, queries().record(id), row -> {
      if (row == null) {
        throw new GatewayException(404, "invalid_request_error", "not_found", null, "No record for request " + id + ".");
      }
      return row;
    });
  }

  private void prices(HttpServerRequest request) {
    json(request, 200, observability.prices().toJson());
  }

  private void putPrice(HttpServerRequest request) {
    request.body().onSuccess(buffer -> {
      try {
        JsonNode body = Json.parse(buffer.getBytes());
        String model = body.path("model").asText("");
        if (model.isEmpty()) {
          throw GatewayException.badRequest("model is required.", "model");
        }
        String provider = body.path("provider").asText(null);
        observability.prices().override(provider, model,
            dev.switchboard.core.usage.PriceCatalog.parseOverride(body));
        json(request, 200, observability.prices().find(provider, model).toJson().put("model", model));
      } catch (JsonProcessingException e) {
        errors.write(request, null, GatewayException.invalidJson("Check that it is valid JSON."));
      } catch (IllegalArgumentException e) {
        errors.write(request, null, GatewayException.badRequest(e.getMessage(), null));
      } catch (GatewayException e) {
        errors.write(request, null, e);
      }
    });
  }

  private void deletePrice(HttpServerRequest request) {
    String model = request.getParam("model");
    if (model == null || model.isEmpty()) {
      throw GatewayException.badRequest("model is required.", "model");
    }
    boolean removed = observability.prices().removeOverride(request.getParam("provider"), model);
    json(request, removed ? 200 : 404, Json.object().put("model", model).put("deleted", removed));
  }

  private <T> void reply(HttpServerRequest request, CompletionStage<T> work,
      java.util.function.Function<T, JsonNode> render) {
    Future.fromCompletionStage(work, vertx.getOrCreateContext()).onComplete(done -> {
      if (done.failed()) {
        errors.write(request, null, GatewayException.unavailable("The request log store is unavailable."));
        return;
      }
      try {
        json(request, 200, render.apply(done.result()));
      } catch (GatewayException e) {
        errors.write(request, null, e);
      }
    });
  }

  private static void json(HttpServerRequest request, int status, JsonNode body) {
    request.response().setStatusCode(status).putHeader("content-type", "application/json")
        .end(Buffer.buffer(Json.write(body)));
  }

  /** Epoch milliseconds, an ISO-8601 instant or a date (midnight UTC). */
  static long time(HttpServerRequest request, String name, long fallback) {
    String value = request.getParam(name);
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      if (value.chars().allMatch(Character::isDigit)) {
        return Long.parseLong(value);
      }
      if (value.length() == 10) {
        return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      }
      return Instant.parse(value).toEpochMilli();
    } catch (DateTimeParseException | NumberFormatException e) {
      throw GatewayException.badRequest(name + " must be epoch milliseconds, an ISO-8601 instant or a date.", name);
    }
  }

  private static int intParam(HttpServerRequest request, String name, int fallback) {
    String value = request.getParam(name);
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw GatewayException.badRequest(name + " must be a number.", name);
    }
  }
}
