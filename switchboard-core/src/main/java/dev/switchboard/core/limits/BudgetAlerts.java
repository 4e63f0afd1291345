package dev.switchboard.core.limits;

import dev.switchboard.api.Json;
import dev.switchboard.core.config.BudgetAlertConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Soft-budget alerts: always a log event ({@code event=budget_soft_limit}), and, when configured, a JSON POST to a
 * webhook retried with exponential back-off up to {@code max_attempts} times on errors and non-2xx answers.
 */
public final class BudgetAlerts implements BudgetAlertSink {
  private static final Logger LOG = LoggerFactory.getLogger(BudgetAlerts.class);
  private final Vertx vertx;
  private final HttpClient client;
  private final URI webhook;
  private final int maxAttempts;
  private final long backoffMillis;

  public BudgetAlerts(Vertx vertx, BudgetAlertConfig config) {
    this.vertx = vertx;
    this.webhook = config.webhookUrl() == null ? null : URI.create(config.webhookUrl());
    this.client = webhook == null ? null : vertx.createHttpClient(new HttpClientOptions()
        .setConnectTimeout(5_000).setIdleTimeout(30));
    this.maxAttempts = Math.max(1, config.maxAttempts());
    this.backoffMillis = Math.max(1, config.backoffMs());
  }

  @Override
  public void softLimitReached(BudgetAlert alert) {
    LOG.warn("event=budget_soft_limit scope={} window={} period={} spent_usd={} soft_usd={} max_usd={}",
        alert.scope(), alert.window().wireName(), alert.period(), Money.toUsd(alert.spentMicros()),
        Money.toUsd(alert.softMicros()), Money.toUsd(alert.hardMicros()));
    if (client != null) {
      send(Buffer.buffer(Json.write(payload(alert))), 1);
    }
  }

  static Map<String, Object> payload(BudgetAlert alert) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("event", "budget.soft_limit_reached");
    body.put("scope", alert.scope());
    body.put("window", alert.window().wireName());
    body.put("period", alert.period());
    body.put("spent_usd", Money.toUsd(alert.spentMicros()));
    body.put("soft_usd", Money.toUsd(alert.softMicros()));
    body.put("max_usd", Money.toUsd(alert.hardMicros()));
    body.put("at", java.time.Instant.ofEpochMilli(alert.atEpochMillis()).toString());
    return body;
  }

  private void send(Buffer body, int attempt) {
    boolean tls = "https".equalsIgnoreCase(webhook.getScheme());
    int port = webhook.getPort() > 0 ? webhook.getPort() : (tls ? 443 : 80);
    String path = webhook.getRawPath() == null || webhook.getRawPath().isEmpty() ? "/" : webhook.getRawPath();
    if (webhook.getRawQuery() != null) {
      path += "?" + webhook.getRawQuery();
    }
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(webhook.getHost())
        .setPort(port).setSsl(tls).setURI(path).setTimeout(10_000)
        .putHeader("content-type", "application/json");
    client.request(options).compose(request -> request.send(body))
        .compose(response -> response.body().map(ignored -> response.statusCode())).onComplete(done -> {
      int status = done.succeeded() ? done.result() : 0;
      if (status >= 200 && status < 300) {
        return;
      }
      if (attempt >= maxAttempts) {
        LOG.warn("event=budget_alert_webhook_failed attempts={} status={}", attempt, status);
        return;
      }
      vertx.setTimer(backoffMillis << Math.min(attempt - 1, 10), id -> send(body, attempt + 1));
    });
  }
}
