package dev.switchboard.core.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;

/**
 * The list price of one model in USD per 1M tokens. {@code cachedInput} and {@code cacheWrite} default to
 * {@code input}, {@code reasoning} to {@code output}. When the prompt exceeds {@code longContext.threshold()}
 * tokens, the long-context tier prices every token of the request.
 *
 * @param source where the price was published
 * @param asOf the date (ISO-8601) the price was read from {@code source}
 * @param checked how the price was last checked: {@code "<date> official"} (against the provider's own page),
 *     {@code "<date> secondary: <url>"} (the official page was not at hand; a dated copy elsewhere agreed) or
 *     {@code "unverified"}; empty for configured and run-time overrides
 */
public record ModelPrice(double input, double output, double cachedInput, double cacheWrite, double reasoning,
    LongContextTier longContext, String source, String asOf, String checked) {

  public ModelPrice(double input, double output, double cachedInput, double cacheWrite, double reasoning,
      LongContextTier longContext, String source, String asOf) {
    this(input, output, cachedInput, cacheWrite, reasoning, longContext, source, asOf, "");
  }

  /** Prices above a prompt-size threshold. */
  public record LongContextTier(long threshold, double input, double output, double cachedInput,
      double cacheWrite) {}

  /** Reads one price object; {@code source} and {@code asOf} apply when the object has none of its own. */
  public static ModelPrice fromJson(JsonNode node, String source, String asOf) {
    return fromJson(node, source, asOf, "");
  }

  /** As {@link #fromJson(JsonNode, String, String)}, with the provider's {@code checked} note as the default. */
  public static ModelPrice fromJson(JsonNode node, String source, String asOf, String checked) {
    double input = required(node, "input");
    double output = required(node, "output");
    LongContextTier tier = null;
    JsonNode lc = node.get("long_context");
    if (lc != null && lc.isObject()) {
      double lcInput = required(lc, "input");
      tier = new LongContextTier(lc.path("threshold").asLong(0), lcInput, required(lc, "output"),
          lc.path("cached_input").asDouble(lcInput), lc.path("cache_write").asDouble(lcInput));
      if (tier.threshold() <= 0) {
        throw new IllegalArgumentException("long_context.threshold must be a positive token count");
      }
    }
    return new ModelPrice(input, output, node.path("cached_input").asDouble(input),
        node.path("cache_write").asDouble(input), node.path("reasoning").asDouble(output), tier,
        node.path("source").asText(source), node.path("as_of").asText(asOf), node.path("checked").asText(checked));
  }

  private static double required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isNumber() || value.asDouble() < 0) {
      throw new IllegalArgumentException("'" + field + "' must be a non-negative number (USD per 1M tokens)");
    }
    return value.asDouble();
  }

  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("input", input).put("output", output).put("cached_input", cachedInput).put("cache_write", cacheWrite)
        .put("reasoning", reasoning);
    if (longContext != null) {
      node.putObject("long_context").put("threshold", longContext.threshold()).put("input", longContext.input())
          .put("output", longContext.output()).put("cached_input", longContext.cachedInput())
          .put("cache_write", longContext.cacheWrite());
    }
    node.put("source", source).put("as_of", asOf);
    if (checked != null && !checked.isEmpty()) {
      node.put("checked", checked);
    }
    return node;
  }
}
