package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cost of a request as clients see it, over raw HTTP through the whole gateway: the
 * {@code x-switchboard-cost-usd} header on whole answers, and {@code usage.cost_usd} in the final usage of a
 * stream, for OpenAI ingress ({@code stream_options.include_usage}) and Anthropic ingress ({@code /v1/messages},
 * whose {@code message_delta} always carries usage). Prices are the bundled list prices of the served models
 * (gpt-4o: $2.50 / $10 per 1M tokens; claude-sonnet-4-5: $3 / $15).
 */
class CostOnTheWireTest {
  private static GatewayHarness harness;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    harness = MixedProvidersHarness.start();
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
  }

  private static HttpResponse<String> post(String path, String body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(harness.baseUrl() + path))
        .timeout(Duration.ofSeconds(20))
        .header("content-type", "application/json")
        .header("authorization", "Bearer " + GatewayHarness.CLIENT_KEY)
        .header("x-api-key", GatewayHarness.CLIENT_KEY)
        .header("anthropic-version", "2023-06-01")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** The JSON payloads of an SSE body's data lines (without OpenAI's closing [DONE]). */
  private static List<JsonNode> events(String sse) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : sse.split("\n")) {
      if (line.startsWith("data: ") && !line.equals("data: [DONE]")) {
        out.add(Json.parse(line.substring(6)));
      }
    }
    return out;
  }

  private static double openAiCost(JsonNode usage) {
    return (usage.path("prompt_tokens").asLong() * 2.50 + usage.path("completion_tokens").asLong() * 10.0) / 1e6;
  }

  private static double anthropicCost(JsonNode usage) {
    return (usage.path("input_tokens").asLong() * 3.0 + usage.path("output_tokens").asLong() * 15.0) / 1e6;
  }

  private static final String CHAT = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":"
      + "\"Price this answer please\"}]";

  @Test
  void openAi_wholeAnswer_carriesTheCostHeader() throws Exception {
    HttpResponse<String> response = post("/v1/chat/completions", CHAT + "}");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode usage = Json.parse(response.body()).path("usage");
    assertThat(usage.path("completion_tokens").asLong()).isPositive();
    String header = response.headers().firstValue("x-switchboard-cost-usd").orElseThrow();
    assertThat(Double.parseDouble(header)).isCloseTo(openAiCost(usage), within(1e-10));
  }

  @Test
  void openAi_streamWithIncludeUsage_finalUsageChunkCarriesTheCost() throws Exception {
    HttpResponse<String> response = post("/v1/chat/completions",
        CHAT + ",\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).endsWith("data: [DONE]\n\n");
    List<JsonNode> chunks = events(response.body());
    JsonNode last = chunks.get(chunks.size() - 1);
    assertThat(last.path("choices").size()).isZero();
    JsonNode usage = last.path("usage");
    assertThat(usage.path("completion_tokens").asLong()).isPositive();
    assertThat(usage.path("cost_usd").isNumber()).isTrue();
    assertThat(usage.path("cost_usd").asDouble()).isCloseTo(openAiCost(usage), within(1e-10));
    assertThat(chunks.stream().filter(c -> c.has("usage") && !c.path("usage").isNull()).count()).isEqualTo(1);
  }

  @Test
  void openAi_streamWithoutIncludeUsage_sendsNoUsageAtAll() throws Exception {
    HttpResponse<String> response = post("/v1/chat/completions", CHAT + ",\"stream\":true}");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(events(response.body())).allSatisfy(chunk -> assertThat(chunk.path("usage").isMissingNode()
        || chunk.path("usage").isNull()).isTrue());
    assertThat(response.body()).doesNotContain("cost_usd");
  }

  private static final String MESSAGES = "{\"model\":\"claude-sonnet\",\"max_tokens\":256,\"messages\":"
      + "[{\"role\":\"user\",\"content\":\"Price this answer please\"}]";

  @Test
  void anthropic_wholeMessage_carriesTheCostHeader() throws Exception {
    HttpResponse<String> response = post("/v1/messages", MESSAGES + "}");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode usage = Json.parse(response.body()).path("usage");
    assertThat(usage.path("output_tokens").asLong()).isPositive();
    String header = response.headers().firstValue("x-switchboard-cost-usd").orElseThrow();
    assertThat(Double.parseDouble(header)).isCloseTo(anthropicCost(usage), within(1e-10));
  }

  @Test
  void anthropic_stream_messageDeltaUsageCarriesTheCost() throws Exception {
    HttpResponse<String> response = post("/v1/messages", MESSAGES + ",\"stream\":true}");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("event: message_delta").contains("event: message_stop");
    JsonNode delta = events(response.body()).stream().filter(e -> e.path("type").asText().equals("message_delta"))
        .findFirst().orElseThrow();
    JsonNode usage = delta.path("usage");
    assertThat(usage.path("output_tokens").asLong()).isPositive();
    assertThat(usage.path("cost_usd").isNumber()).as(usage.toString()).isTrue();
    assertThat(usage.path("cost_usd").asDouble()).isCloseTo(anthropicCost(usage), within(1e-10));
  }

  @Test
  void anthropicIngress_toAnOpenAiModel_streamCarriesTheServedModelsCost() throws Exception {
    HttpResponse<String> response = post("/v1/messages",
        "{\"model\":\"gpt-4o\",\"max_tokens\":256,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":"
            + "\"Price this answer please\"}]}");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode usage = events(response.body()).stream().filter(e -> e.path("type").asText().equals("message_delta"))
        .findFirst().orElseThrow().path("usage");
    double expected = (usage.path("input_tokens").asLong() * 2.50 + usage.path("output_tokens").asLong() * 10.0) / 1e6;
    assertThat(usage.path("cost_usd").asDouble(-1)).isCloseTo(expected, within(1e-10));
  }

  /** A raw HTTP/1.1 exchange (so the chunked trailer section is visible); returns everything the server sent. */
  private static String rawStream(String extraHeaders) throws Exception {
    URI base = URI.create(harness.baseUrl());
    String body = CHAT + ",\"stream\":true}";
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v1/chat/completions HTTP/1.1\r\nhost: " + base.getHost() + "\r\n"
          + "authorization: Bearer " + GatewayHarness.CLIENT_KEY + "\r\ncontent-type: application/json\r\n"
          + "connection: close\r\n" + extraHeaders + "content-length: "
          + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      return all.toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  void stream_withTeTrailers_endsWithTheCostTrailer_andWithoutItHasNone() throws Exception {
    String withTrailer = rawStream("te: trailers\r\n");
    assertThat(withTrailer).startsWith("HTTP/1.1 200").containsIgnoringCase("\r\ntrailer: x-switchboard-cost-usd\r\n");
    String trailer = withTrailer.substring(withTrailer.lastIndexOf("\r\n0\r\n") + 5);
    assertThat(trailer).startsWithIgnoringCase("x-switchboard-cost-usd: ");
    double cost = Double.parseDouble(trailer.substring(trailer.indexOf(':') + 1, trailer.indexOf("\r\n")).trim());
    assertThat(cost).isPositive().isLessThan(0.01);
    String without = rawStream("");
    assertThat(without.toLowerCase()).doesNotContain("x-switchboard-cost-usd");
  }

  @Test
  void teHeaderParsing_findsTrailersAmongOtherCodings() {
    assertThat(dev.switchboard.server.http.SseWriterAccess.acceptsTrailers("gzip;q=0.5, Trailers")).isTrue();
    assertThat(dev.switchboard.server.http.SseWriterAccess.acceptsTrailers("trailers;q=1")).isTrue();
    assertThat(dev.switchboard.server.http.SseWriterAccess.acceptsTrailers("gzip, deflate")).isFalse();
    assertThat(dev.switchboard.server.http.SseWriterAccess.acceptsTrailers(null)).isFalse();
  }
}
