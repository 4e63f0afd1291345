package dev.switchboard.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small blocking HTTP client for the demo's sample requests (runs on the main thread, not an event loop). */
final class DemoClient {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;
  private final String apiKey;

  DemoClient(String baseUrl, String apiKey) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
  }

  /** A response with its wall time. */
  record Reply(int status, java.net.http.HttpHeaders headers, String body, double millis) {
    String header(String name) {
      return headers.firstValue(name).orElse("");
    }
  }

  Reply post(String path, String json) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).POST(HttpRequest.BodyPublishers.ofString(json))
        .header("content-type", "application/json").header("authorization", "Bearer " + apiKey));
  }

  /** A request that must reach a provider: asks the cache to neither serve nor store it. */
  Reply postUncached(String path, String json) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).POST(HttpRequest.BodyPublishers.ofString(json))
        .header("content-type", "application/json").header("authorization", "Bearer " + apiKey)
        .header("x-switchboard-cache", "no-cache"));
  }

  Reply postWithKey(String path, String json, String key) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).POST(HttpRequest.BodyPublishers.ofString(json))
        .header("content-type", "application/json").header("authorization", "Bearer " + key));
  }

  Reply get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET()
        .header("authorization", "Bearer " + apiKey));
  }

  static Reply raw(HttpRequest.Builder builder) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    long start = System.nanoTime();
    HttpResponse<String> response = client.send(builder.timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), response.headers(), response.body(), (System.nanoTime() - start) / 1e6);
  }

  private Reply send(HttpRequest.Builder builder) throws IOException, InterruptedException {
    long start = System.nanoTime();
    HttpResponse<String> response = http.send(builder.timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), response.headers(), response.body(), (System.nanoTime() - start) / 1e6);
  }
}
