package dev.switchboard.core.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.config.ObservabilityConfig.PriceConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Model prices: the bundled catalogue (a resource file, never fetched), then configured overrides, then run-time
 * overrides from the admin API. Thread-safe; a change replaces the whole table. Lookup tries the provider type's
 * table first, then every table, with the model name as given and then without dates, versions, regions and
 * {@code -latest}.
 */
public final class PriceCatalog {
  static final String RESOURCE = "dev/switchboard/core/usage/prices.json";
  private static final String ANY = "*";
  private static final int MEMO_LIMIT = 4096;
  private static final Pattern DATE_SUFFIX =
      Pattern.compile("(-\\d{4}-\\d{2}-\\d{2}|-\\d{8}|@\\d{8}|-\\d{2}-\\d{4}|-\\d{4}|-\\d{3}|-preview(-.*)?|-exp(-.*)?)$");
  private static final Pattern REGION_PREFIX = Pattern.compile("^(us|eu|apac|global|us-gov)\\.");
  private static final ModelPrice NOT_FOUND = new ModelPrice(0, 0, 0, 0, 0, null, "", "");

  private final Map<String, Map<String, ModelPrice>> bundled;
  private final Map<String, Map<String, ModelPrice>> configured;
  private final Map<String, Map<String, ModelPrice>> runtime = new LinkedHashMap<>();
  private volatile Table table;

  /** The merged prices and the memo of lookups made against them, replaced together on every change. */
  private record Table(Map<String, Map<String, ModelPrice>> prices, Map<String, Map<String, ModelPrice>> memo) {}

  private PriceCatalog(Map<String, Map<String, ModelPrice>> bundled, Map<String, Map<String, ModelPrice>> configured) {
    this.bundled = bundled;
    this.configured = configured;
    rebuild();
  }

  /** The bundled catalogue with the configured overrides. */
  public static PriceCatalog load(List<PriceConfig> overrides) {
    try (InputStream in = PriceCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("price catalogue " + RESOURCE + " is missing");
      }
      return fromJson(Json.mapper().readTree(in), overrides);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the price catalogue", e);
    }
  }

  static PriceCatalog fromJson(JsonNode catalogue, List<PriceConfig> overrides) {
    Map<String, Map<String, ModelPrice>> tables = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> providers = catalogue.path("providers").fields();
    while (providers.hasNext()) {
      Map.Entry<String, JsonNode> provider = providers.next();
      String source = provider.getValue().path("source").asText("");
      String asOf = provider.getValue().path("as_of").asText("");
      String checked = provider.getValue().path("checked").asText("unverified");
      Map<String, ModelPrice> models = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> entries = provider.getValue().path("models").fields();
      while (entries.hasNext()) {
        Map.Entry<String, JsonNode> model = entries.next();
        try {
          models.put(model.getKey(), ModelPrice.fromJson(model.getValue(), source, asOf, checked));
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException("prices: providers." + provider.getKey() + ".models." + model.getKey()
              + ": " + e.getMessage(), e);
        }
      }
      tables.put(provider.getKey(), Map.copyOf(models));
    }
    Map<String, Map<String, ModelPrice>> configured = new LinkedHashMap<>();
    for (int i = 0; i < overrides.size(); i++) {
      PriceConfig override = overrides.get(i);
      try {
        put(configured, override.provider(), override.model(), fromConfig(override, "configuration"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("observability.prices[" + i + "]: " + e.getMessage(), e);
      }
    }
    return new PriceCatalog(tables, configured);
  }

  /** The price for {@code model} served by a provider of type {@code providerType} (may be null), or null. */
  public ModelPrice find(String providerType, String model) {
    if (model == null || model.isEmpty()) {
      return null;
    }
    Table current = table;
    String type = providerType == null ? ANY : providerType;
    Map<String, ModelPrice> byModel = current.memo().get(type);
    if (byModel == null) {
      byModel = current.memo().computeIfAbsent(type, t -> new ConcurrentHashMap<>());
    }
    ModelPrice found = byModel.get(model);
    if (found == null) {
      found = lookup(current.prices(), providerType, model);
      if (byModel.size() >= MEMO_LIMIT) {
        byModel.clear();
      }
      byModel.put(model, found == null ? NOT_FOUND : found);
    }
    return found == NOT_FOUND ? null : found;
  }

  /** Sets a run-time price (admin API); {@code provider} null or "*" applies to every provider. */
  public synchronized void override(String provider, String model, ModelPrice price) {
    put(runtime, provider, model, price);
    rebuild();
  }

  /** Removes a run-time price; returns whether there was one. */
  public synchronized boolean removeOverride(String provider, String model) {
    Map<String, ModelPrice> table = runtime.get(provider == null ? ANY : provider);
    boolean removed = table != null && table.remove(model) != null;
    if (removed) {
      rebuild();
    }
    return removed;
  }

  /** Every effective price as {@code {provider: {model: price}}}. */
  public ObjectNode toJson() {
    ObjectNode root = Json.object();
    root.put("unit", "USD per 1M tokens");
    ObjectNode providers = root.putObject("providers");
    table.prices().forEach((provider, models) -> {
      ObjectNode table = providers.putObject(provider);
      models.forEach((model, price) -> table.set(model, price.toJson()));
    });
    return root;
  }

  /** Reads a run-time override body ({@code input}, {@code output}, ... as in the catalogue). */
  public static ModelPrice parseOverride(JsonNode body) {
    return ModelPrice.fromJson(body, body.path("source").asText("admin api"), body.path("as_of").asText(""));
  }

  private synchronized void rebuild() {
    Map<String, Map<String, ModelPrice>> merged = new LinkedHashMap<>();
    for (Map<String, Map<String, ModelPrice>> layer : List.of(bundled, configured, runtime)) {
      layer.forEach((provider, models) -> merged.computeIfAbsent(provider, p -> new LinkedHashMap<>()).putAll(models));
    }
    Map<String, Map<String, ModelPrice>> frozen = new LinkedHashMap<>();
    merged.forEach((provider, models) -> frozen.put(provider, Map.copyOf(models)));
    table = new Table(frozen, new ConcurrentHashMap<>());
  }

  private static void put(Map<String, Map<String, ModelPrice>> tables, String provider, String model,
      ModelPrice price) {
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("model is required");
    }
    tables.computeIfAbsent(provider == null || provider.isBlank() ? ANY : provider, p -> new LinkedHashMap<>())
        .put(model, price);
  }

  private static ModelPrice lookup(Map<String, Map<String, ModelPrice>> tables, String providerType, String model) {
    List<String> names = candidates(model);
    ModelPrice price = inTable(tables.get(ANY), names);
    if (price == null && providerType != null) {
      price = inTable(tables.get(providerType), names);
    }
    if (price == null) {
      for (Map<String, ModelPrice> table : tables.values()) {
        price = inTable(table, names);
        if (price != null) {
          break;
        }
      }
    }
    return price;
  }

  private static ModelPrice inTable(Map<String, ModelPrice> table, List<String> names) {
    if (table == null) {
      return null;
    }
    for (String name : names) {
      ModelPrice price = table.get(name);
      if (price != null) {
        return price;
      }
    }
    return null;
  }

  /** The model name, then progressively normalised forms (most specific first). */
  static List<String> candidates(String model) {
    List<String> names = new ArrayList<>(6);
    names.add(model);
    String name = model.startsWith("models/") ? model.substring("models/".length()) : model;
    name = REGION_PREFIX.matcher(name).replaceFirst("");
    addIfNew(names, name);
    addIfNew(names, name.toLowerCase(Locale.ROOT));
    for (int i = 0; i < 4; i++) {
      String stripped = name.endsWith("-latest") ? name.substring(0, name.length() - "-latest".length())
          : DATE_SUFFIX.matcher(name).replaceFirst("");
      if (stripped.equals(name) || stripped.isEmpty()) {
        break;
      }
      name = stripped;
      addIfNew(names, name);
    }
    int slash = model.lastIndexOf('/');
    if (slash >= 0 && slash < model.length() - 1) {
      addIfNew(names, model.substring(slash + 1));
    }
    return names;
  }

  private static void addIfNew(List<String> names, String name) {
    if (!names.contains(name)) {
      names.add(name);
    }
  }

  private static ModelPrice fromConfig(PriceConfig c, String defaultSource) {
    ObjectNode node = Json.object();
    putIfSet(node, "input", c.input());
    putIfSet(node, "output", c.output());
    putIfSet(node, "cached_input", c.cachedInput());
    putIfSet(node, "cache_write", c.cacheWrite());
    putIfSet(node, "reasoning", c.reasoning());
    if (c.longContext() != null) {
      ObjectNode lc = node.putObject("long_context");
      if (c.longContext().threshold() != null) {
        lc.put("threshold", c.longContext().threshold());
      }
      putIfSet(lc, "input", c.longContext().input());
      putIfSet(lc, "output", c.longContext().output());
      putIfSet(lc, "cached_input", c.longContext().cachedInput());
      putIfSet(lc, "cache_write", c.longContext().cacheWrite());
    }
    return ModelPrice.fromJson(node, c.source() == null ? defaultSource : c.source(),
        c.asOf() == null ? "" : c.asOf());
  }

  private static void putIfSet(ObjectNode node, String field, Double value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}
