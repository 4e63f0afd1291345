package dev.switchboard.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import dev.switchboard.providers.shared.ParameterPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The OpenAI-compatible providers Switchboard knows, read from {@code providers/openai-compatible.json}. */
public final class OpenAiCompatibleCatalog {
  static final String RESOURCE = "/providers/openai-compatible.json";

  private OpenAiCompatibleCatalog() {}

  /**
   * One catalogue entry.
   *
   * @param auth {@code bearer}, {@code header:<name>} or {@code none}
   * @param parameters the per-parameter policy for parameters this provider cannot honour
   */
  public record Entry(String type, String displayName, String baseUrl, String auth, boolean keyRequired,
      boolean embeddings, Map<String, ParameterPolicy.Action> parameters) {

    /** The header that carries the key, or null when the provider takes none. */
    public String authHeader() {
      if (auth.startsWith("header:")) {
        return auth.substring("header:".length());
      }
      return auth.equals("none") ? null : "authorization";
    }
  }

  public static List<Entry> load() {
    try (InputStream in = OpenAiCompatibleCatalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Entry> parse(String json) {
    JsonNode root = Json.parseTrusted(json);
    List<Entry> entries = new ArrayList<>();
    for (JsonNode node : root.path("providers")) {
      Map<String, String> parameters = new TreeMap<>();
      node.path("parameters").fields().forEachRemaining(f -> parameters.put(f.getKey(), f.getValue().asText()));
      String auth = node.path("auth").asText("bearer");
      if (!auth.equals("bearer") && !auth.equals("none") && !auth.startsWith("header:")) {
        throw new IllegalStateException("catalogue entry " + node.path("type").asText() + ": bad auth " + auth);
      }
      entries.add(new Entry(node.path("type").asText(), node.path("display_name").asText(),
          node.path("base_url").asText(), auth, node.path("key_required").asBoolean(true),
          node.path("embeddings").asBoolean(false), ParameterPolicy.parse(parameters)));
    }
    return List.copyOf(entries);
  }
}
