package dev.switchboard.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.pipeline.GatewayException;
import dev.switchboard.core.spi.StreamTranslator;
import dev.switchboard.core.spi.TranslationContext;
import dev.switchboard.core.spi.UpstreamException;
import dev.switchboard.providers.http.SseStreamDecoder;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Golden files under {@code src/test/resources/golden/<provider>/}: {@code request-*} cases hold an OpenAI request
 * ({@code .openai.json}) and the native request it must become ({@code .native.json}); {@code response-*} cases
 * a native response and the OpenAI completion; {@code stream-*} cases a native SSE transcript
 * ({@code .native.sse}) and the OpenAI chunks ({@code .openai.json}, an array); {@code error-*} cases a native
 * error ({@code {"status", "body"}}) and the client-facing error ({@code {"status", "kind", "error"}}).
 * A stream that fails ends its chunk array with {@code {"stream_error": ...}}.
 * Run with {@code -Dgolden.update=true} to write missing expectations (then review them).
 */
public final class Golden {
  public static final TranslationContext CONTEXT = new TranslationContext("req_golden1", 1_764_000_000L,
      "test-model");
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  private Golden() {}

  public static Stream<String> cases(String provider, String prefix) {
    Path dir = Path.of("src/test/resources/golden", provider);
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names = new ArrayList<>();
      files.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(prefix + "-") && (n.endsWith(".openai.json") && prefix.endsWith("request")
              || n.endsWith(".native.json") && !prefix.endsWith("request") || n.endsWith(".native.sse")))
          .map(n -> n.substring(0, n.indexOf('.')))
          .distinct().sorted().forEach(names::add);
      assertThat(names).as("golden cases %s/%s-*", provider, prefix).isNotEmpty();
      return names.stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path file(String provider, String name) {
    return Path.of("src/test/resources/golden", provider, name);
  }

  public static JsonNode read(String provider, String name) {
    try {
      return Json.parse(Files.readAllBytes(file(provider, name)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String readText(String provider, String name) {
    try {
      return Files.readString(file(provider, name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts {@code actual} equals the golden file (object key order ignored), or writes it in update mode. */
  public static void assertMatches(String provider, String name, JsonNode actual) {
    Path path = file(provider, name);
    if (UPDATE && !Files.exists(path)) {
      try {
        Files.write(path, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(actual));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    JsonNode expected = read(provider, name);
    JsonNode reparsed;
    try {
      reparsed = Json.parse(Json.write(actual));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(reparsed).as("%s/%s, actual: %s", provider, name, actual).isEqualTo(expected);
  }

  public static void requestCase(String provider, String name, Function<ObjectNode, ObjectNode> toProvider) {
    ObjectNode request = (ObjectNode) read(provider, name + ".openai.json");
    assertMatches(provider, name + ".native.json", applyOrDescribe(toProvider, request));
  }

  public static void responseCase(String provider, String name, Function<ObjectNode, ObjectNode> toOpenAi) {
    ObjectNode response = (ObjectNode) read(provider, name + ".native.json");
    assertMatches(provider, name + ".openai.json", applyOrDescribe(toOpenAi, response));
  }

  /** The translation, or {@code {"translation_error": ...}} when it fails with a typed error. */
  private static JsonNode applyOrDescribe(Function<ObjectNode, ObjectNode> translation, ObjectNode input) {
    try {
      return translation.apply(input);
    } catch (UpstreamException e) {
      ObjectNode failure = Json.object();
      failure.set("translation_error", describe(e));
      return failure;
    }
  }

  /** Feeds the transcript in 7-byte pieces (splitting events and UTF-8 sequences) and collects the chunks. */
  public static void streamCase(String provider, String name, StreamTranslator translator) {
    byte[] transcript = readText(provider, name + ".native.sse").getBytes(StandardCharsets.UTF_8);
    ArrayNode chunks = Json.array();
    SseStreamDecoder decoder = new SseStreamDecoder(translator);
    try {
      for (int at = 0; at < transcript.length; at += 7) {
        int end = Math.min(transcript.length, at + 7);
        decoder.feed(Buffer.buffer().appendBytes(transcript, at, end - at), chunks::add);
      }
      decoder.end(chunks::add);
    } catch (UpstreamException e) {
      chunks.addObject().set("stream_error", describe(e));
    }
    assertMatches(provider, name + ".openai.json", chunks);
  }

  /** An error case: the native status and body through {@code mapper}, compared as status, kind and body. */
  public static void errorCase(String provider, String name, ErrorMapper mapper) {
    JsonNode input = read(provider, name + ".native.json");
    byte[] body = input.get("body").isTextual() ? input.get("body").asText().getBytes(StandardCharsets.UTF_8)
        : Json.write(input.get("body"));
    UpstreamException error = mapper.map(input.get("status").asInt(), body);
    assertMatches(provider, name + ".openai.json", describe(error));
  }

  public static ObjectNode describe(GatewayException error) {
    ObjectNode out = Json.object();
    out.put("status", error.status());
    if (error instanceof UpstreamException upstream) {
      out.put("kind", upstream.kind().name());
    }
    out.set("error", error.toBody().get("error"));
    return out;
  }

  /** A provider's error mapping. */
  @FunctionalInterface
  public interface ErrorMapper {
    UpstreamException map(int status, byte[] body);
  }
}
