package dev.switchboard.app;

import dev.switchboard.bench.load.Durations;
import dev.switchboard.bench.load.LoadReport;
import dev.switchboard.bench.load.OpenLoopGenerator;
import dev.switchboard.api.Json;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code switchboard load}: open-loop load at a fixed rate, latency from the intended send time. */
@Command(name = "load", mixinStandardHelpOptions = true,
    description = "Send POST requests at a fixed rate (open loop) and report latency percentiles measured from "
        + "each request's intended send time (HdrHistogram), so a stalled server cannot hide its stalls.")
final class LoadCommand implements Callable<Integer> {
  static final String DEFAULT_BODY = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":"
      + "\"How can I improve my time management skills at work?\"}],\"temperature\":0.7,\"max_tokens\":256}";

  @Parameters(index = "0", paramLabel = "URL", description = "Target, e.g. http://127.0.0.1:8080/v1/chat/completions")
  String url;

  @Option(names = "--rate", paramLabel = "R", required = true, description = "Requests per second.")
  double rate;

  @Option(names = "--duration", paramLabel = "TIME", defaultValue = "10s", description = "e.g. 10s (default).")
  String duration;

  @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "10000",
      description = "Cap on open requests; requests due beyond it are counted as shed (default ${DEFAULT-VALUE}).")
  int maxInFlight;

  @Option(names = "--body", paramLabel = "JSON|@FILE", description = "Request body (default: a 150-byte chat).")
  String body;

  @Option(names = "--stream", description = "Ask for a streamed answer (\"stream\":true in the default body).")
  boolean stream;

  @Option(names = "--key", paramLabel = "KEY", defaultValue = "sk-switchboard-demo",
      description = "Sent as Authorization: Bearer KEY (default ${DEFAULT-VALUE}).")
  String key;

  @Option(names = "--header", paramLabel = "NAME:VALUE", description = "Extra header (repeatable).")
  List<String> headers;

  @Option(names = "--http2", description = "HTTP/2 cleartext with prior knowledge (default HTTP/1.1); a Switchboard "
      + "target needs server.http2_cleartext: true.")
  boolean http2;

  @Option(names = "--timeout", paramLabel = "TIME", defaultValue = "30s", description = "Per-request idle timeout.")
  String timeout;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the report as JSON.")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (!url.startsWith("http://127.0.0.1") && !url.startsWith("http://localhost")
        && !url.startsWith("http://[::1]")) {
      System.err.println("switchboard load: only loopback targets are allowed (http://127.0.0.1:...)");
      return 2;
    }
    long durationMs = Durations.parseMillis(duration);
    OpenLoopGenerator.Settings settings = new OpenLoopGenerator.Settings(url, rate, durationMs, maxInFlight,
        Buffer.buffer(requestBody()), requestHeaders(), Durations.parseMillis(timeout), http2);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setPreferNativeTransport(true));
    try {
      LoadReport report = new OpenLoopGenerator(vertx, settings).run()
          .await(durationMs + Durations.parseMillis(timeout) + 30_000, TimeUnit.MILLISECONDS);
      System.out.println(report.summary());
      if (out != null) {
        Files.write(out, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(report.toJson()));
      }
      return 0;
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private String requestBody() throws java.io.IOException {
    if (body == null) {
      return stream ? DEFAULT_BODY.replace("\"messages\"", "\"stream\":true,\"messages\"") : DEFAULT_BODY;
    }
    return body.startsWith("@") ? Files.readString(Path.of(body.substring(1))) : body;
  }

  private MultiMap requestHeaders() {
    MultiMap map = MultiMap.caseInsensitiveMultiMap().add("content-type", "application/json")
        .add("authorization", "Bearer " + key);
    if (headers != null) {
      for (String header : headers) {
        int colon = header.indexOf(':');
        if (colon > 0) {
          map.set(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
        }
      }
    }
    return map;
  }
}
