package dev.switchboard.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;

/** The demo's burst of sample traffic, each request checked against what should happen. */
final class DemoTraffic {
  /** One sample request and whether it behaved as expected. */
  record Result(String name, boolean ok, String detail, double millis) {}

  private final DemoClient client;
  private final String simUrl;
  private final List<Result> results = new ArrayList<>();

  DemoTraffic(DemoClient client, String simUrl) {
    this.client = client;
    this.simUrl = simUrl;
  }

  List<Result> run() {
    List<String> models = step("list models", this::models);
    for (String model : models) {
      if (!model.contains("embed")) {
        step("chat " + model, () -> chat(model));
      }
    }
    step("stream gpt-4o", this::stream);
    step("repeat (cache)", this::cached);
    step("failover gpt-4o", this::failover);
    if (models.contains("text-embedding-3-small")) {
      step("embeddings", this::embeddings);
    }
    step("wrong key → 401", () -> expectStatus(client.postWithKey("/v1/chat/completions", chatBody("gpt-4o",
        "hello", false), "sk-wrong-key-123"), 401));
    step("unknown model → 404", () -> expectStatus(client.post("/v1/chat/completions", chatBody("no-such-model",
        "hello", false)), 404));
    return results;
  }

  private interface Step<T> {
    T run() throws Exception;
  }

  @SuppressWarnings("unchecked")
  private <T> T step(String name, Step<T> step) {
    try {
      return step.run();
    } catch (AssertionError e) {
      results.add(new Result(name, false, e.getMessage(), 0));
    } catch (Exception e) {
      results.add(new Result(name, false, e.getClass().getSimpleName() + ": " + e.getMessage(), 0));
    }
    return (T) List.of();
  }

  private List<String> models() throws Exception {
    DemoClient.Reply reply = client.get("/v1/models");
    check(reply.status() == 200, "GET /v1/models returned " + reply.status());
    List<String> ids = new ArrayList<>();
    Json.parse(reply.body()).path("data").forEach(m -> ids.add(m.path("id").asText()));
    results.add(new Result("list models", true, ids.size() + " models: " + String.join(", ", ids), reply.millis()));
    return ids;
  }

  private Object chat(String model) throws Exception {
    DemoClient.Reply reply = client.postUncached("/v1/chat/completions", chatBody(model, "Say hello to " + model,
        false));
    check(reply.status() == 200, model + " returned " + reply.status() + ": " + brief(reply.body()));
    JsonNode body = Json.parse(reply.body());
    String content = body.path("choices").path(0).path("message").path("content").asText("");
    check(!content.isEmpty(), "empty answer from " + model);
    results.add(new Result("chat " + model, true, "via " + reply.header("x-switchboard-provider") + " ("
        + body.path("usage").path("total_tokens").asLong() + " tokens): " + brief(content), reply.millis()));
    return null;
  }

  private Object stream() throws Exception {
    String body = "{\"model\":\"gpt-4o\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Stream a short answer\"}]}";
    DemoClient.Reply reply = client.postUncached("/v1/chat/completions", body);
    check(reply.status() == 200, "stream returned " + reply.status());
    int events = 0;
    boolean done = false;
    boolean usage = false;
    for (String line : reply.body().split("\n")) {
      if (line.startsWith("data: ")) {
        events++;
        done |= line.equals("data: [DONE]");
        usage |= line.contains("\"usage\":{");
      }
    }
    check(done && usage, "stream lacked [DONE] or usage");
    results.add(new Result("stream gpt-4o", true, events + " SSE events, usage chunk, [DONE]", reply.millis()));
    return null;
  }

  private Object cached() throws Exception {
    String body = "{\"model\":\"gpt-4o-mini\",\"temperature\":0,\"messages\":[{\"role\":\"user\","
        + "\"content\":\"What is the capital of France?\"}]}";
    DemoClient.Reply first = client.post("/v1/chat/completions", body);
    DemoClient.Reply second = client.post("/v1/chat/completions", body);
    check(first.status() == 200 && second.status() == 200, "repeat returned " + second.status());
    String status = second.header("x-switchboard-cache");
    check(status.equals("hit"), "second identical request was not a cache hit (x-switchboard-cache: '"
        + status + "')");
    results.add(new Result("repeat (cache)", true, String.format("first %.1f ms (%s), repeat %.1f ms (hit)",
        first.millis(), first.header("x-switchboard-cache"), second.millis()), second.millis()));
    return null;
  }

  private Object failover() throws Exception {
    DemoClient.raw(HttpRequest.newBuilder(URI.create(simUrl + "/_sim/providers/openai/fault"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"status\",\"status\":503}")));
    try {
      DemoClient.Reply reply = client.postUncached("/v1/chat/completions", chatBody("gpt-4o", "Are you there?",
          false));
      check(reply.status() == 200, "failover returned " + reply.status() + ": " + brief(reply.body()));
      check(reply.header("x-switchboard-provider").equals("openai-backup"),
          "served by " + reply.header("x-switchboard-provider") + ", expected openai-backup");
      results.add(new Result("failover gpt-4o", true, "openai answered 503; served by openai-backup after "
          + reply.header("x-switchboard-attempts") + " attempts", reply.millis()));
    } finally {
      DemoClient.raw(HttpRequest.newBuilder(URI.create(simUrl + "/_sim/providers/openai/fault")).DELETE());
    }
    return null;
  }

  private Object embeddings() throws Exception {
    DemoClient.Reply reply = client.post("/v1/embeddings",
        "{\"model\":\"text-embedding-3-small\",\"input\":[\"hello\",\"world\"]}");
    check(reply.status() == 200, "embeddings returned " + reply.status());
    int vectors = Json.parse(reply.body()).path("data").size();
    check(vectors == 2, "expected 2 vectors, got " + vectors);
    results.add(new Result("embeddings", true, "2 vectors", reply.millis()));
    return null;
  }

  private Object expectStatus(DemoClient.Reply reply, int status) throws Exception {
    check(reply.status() == status, "expected " + status + ", got " + reply.status());
    JsonNode error = Json.parse(reply.body()).path("error");
    check(error.has("message") && error.has("type"), "error body is not OpenAI-shaped");
    results.add(new Result(status == 401 ? "wrong key → 401" : "unknown model → 404", true,
        error.path("type").asText() + ": " + brief(error.path("message").asText()), reply.millis()));
    return null;
  }

  static String chatBody(String model, String prompt, boolean stream) {
    return "{\"model\":\"" + model + "\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\""
        + prompt + "\"}]}";
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new AssertionError(message);
    }
  }

  private static String brief(String text) {
    String flat = text.replace('\n', ' ');
    return flat.length() > 70 ? flat.substring(0, 70) + "…" : flat;
  }
}
