package dev.switchboard.core.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.config.BudgetAlertConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BudgetAlertsTest {
  @Test
  void webhookFailingTwice_isRetriedUntilItAccepts() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      AtomicInteger calls = new AtomicInteger();
      List<JsonNode> delivered = new CopyOnWriteArrayList<>();
      HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
        int call = calls.incrementAndGet();
        if (call <= 2) {
          request.response().setStatusCode(503).end();
          return;
        }
        delivered.add(Json.parseTrusted(body.toString()));
        request.response().setStatusCode(204).end();
      }));
      int port = server.listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS).actualPort();
      BudgetAlerts alerts = new BudgetAlerts(vertx,
          new BudgetAlertConfig("http://127.0.0.1:" + port + "/hook", 5, 10L));
      alerts.softLimitReached(new BudgetAlert("team:search", BudgetWindow.MONTHLY, "m2026-11", 80_000_000,
          80_000_000, 100_000_000, 1_764_000_000_000L));
      for (int i = 0; i < 500 && delivered.isEmpty(); i++) {
        Thread.sleep(10);
      }
      assertThat(calls.get()).isEqualTo(3);
      JsonNode alert = delivered.get(0);
      assertThat(alert.path("event").asText()).isEqualTo("budget.soft_limit_reached");
      assertThat(alert.path("scope").asText()).isEqualTo("team:search");
      assertThat(alert.path("spent_usd").asDouble()).isEqualTo(80.0);
      assertThat(alert.path("max_usd").asDouble()).isEqualTo(100.0);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void webhookAlwaysFailing_givesUpAfterMaxAttempts() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      AtomicInteger calls = new AtomicInteger();
      HttpServer server = vertx.createHttpServer().requestHandler(request -> {
        calls.incrementAndGet();
        request.response().setStatusCode(500).end();
      });
      int port = server.listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS).actualPort();
      BudgetAlerts alerts = new BudgetAlerts(vertx,
          new BudgetAlertConfig("http://127.0.0.1:" + port + "/hook", 3, 5L));
      alerts.softLimitReached(new BudgetAlert("key:k", BudgetWindow.DAILY, "d2026-11-25", 1, 1, 2, 0));
      for (int i = 0; i < 1000 && calls.get() < 3; i++) {
        Thread.sleep(10);
      }
      Thread.sleep(500);
      assertThat(calls.get()).isEqualTo(3);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
