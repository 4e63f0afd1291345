package dev.switchboard.core.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.limits.BudgetLimit;
import dev.switchboard.core.limits.BudgetWindow;
import dev.switchboard.core.limits.RateLimits;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of keys, teams and customers, shared by the admin API and the store. Field errors are
 * {@link IllegalArgumentException}s whose message names the field.
 */
final class GovernanceJson {
  private GovernanceJson() {}

  /** A key as the admin API shows it: everything except the hash. */
  static ObjectNode keyView(VirtualKey key) {
    ObjectNode node = Json.object();
    node.put("id", key.id());
    node.put("hint", key.hint());
    node.put("name", key.name());
    node.put("team", key.team());
    node.put("customer", key.customer());
    node.set("models", strings(key.models()));
    node.set("limits", limitsNode(key.limits()));
    node.set("budgets", budgetsNode(key.budgets()));
    node.put("expires_at", key.expiresAtMillis() == null ? null : instant(key.expiresAtMillis()));
    node.set("metadata", Json.mapper().valueToTree(key.metadata()));
    node.set("tags", strings(key.tags()));
    node.put("created_at", instant(key.createdAtMillis()));
    node.put("revoked_at", key.revokedAtMillis() == null ? null : instant(key.revokedAtMillis()));
    return node;
  }

  static ObjectNode keyDocument(VirtualKey key) {
    ObjectNode node = keyView(key);
    node.put("hash", key.hash());
    return node;
  }

  static VirtualKey keyFromDocument(JsonNode node) {
    return new VirtualKey(node.path("id").asText(), node.path("hash").asText(), node.path("hint").asText(),
        text(node, "name"), text(node, "team"), text(node, "customer"), stringList(node, "models"),
        limits(node.path("limits")), budgets(node.path("budgets")), time(node, "expires_at"),
        stringMap(node, "metadata"), stringList(node, "tags"), time(node, "created_at"),
        time(node, "revoked_at"));
  }

  static ObjectNode tenantView(Tenant tenant) {
    ObjectNode node = Json.object();
    node.put("id", tenant.id());
    if (tenant.kind() == Tenant.Kind.CUSTOMER) {
      node.put("team", tenant.team());
    }
    node.put("name", tenant.name());
    node.set("models", strings(tenant.models()));
    node.set("limits", limitsNode(tenant.limits()));
    node.set("budgets", budgetsNode(tenant.budgets()));
    node.set("metadata", Json.mapper().valueToTree(tenant.metadata()));
    node.put("created_at", instant(tenant.createdAtMillis()));
    return node;
  }

  static Tenant tenantFromDocument(Tenant.Kind kind, JsonNode node) {
    Long created = time(node, "created_at");
    return new Tenant(kind, node.path("id").asText(), text(node, "team"), text(node, "name"),
        stringList(node, "models"), limits(node.path("limits")), budgets(node.path("budgets")),
        stringMap(node, "metadata"), created == null ? 0 : created);
  }

  static RateLimits limits(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return RateLimits.NONE;
    }
    requireObject(node, "limits");
    return new RateLimits(positiveLong(node, "requests_per_minute"), positiveLong(node, "tokens_per_minute"),
        node.hasNonNull("max_concurrent") ? (int) (long) positiveLong(node, "max_concurrent") : null);
  }

  static ObjectNode limitsNode(RateLimits limits) {
    ObjectNode node = Json.object();
    if (limits.requestsPerMinute() != null) {
      node.put("requests_per_minute", limits.requestsPerMinute());
    }
    if (limits.tokensPerMinute() != null) {
      node.put("tokens_per_minute", limits.tokensPerMinute());
    }
    if (limits.maxConcurrent() != null) {
      node.put("max_concurrent", limits.maxConcurrent());
    }
    return node;
  }

  static List<BudgetLimit> budgets(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException("budgets: must be a list");
    }
    List<BudgetLimit> budgets = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode budget = node.get(i);
      String field = "budgets[" + i + "]";
      requireObject(budget, field);
      if (!budget.path("max_usd").isNumber()) {
        throw new IllegalArgumentException(field + ".max_usd: must be a number");
      }
      try {
        budgets.add(new BudgetLimit(BudgetWindow.parse(text(budget, "window")), budget.path("max_usd").asDouble(),
            budget.path("soft_usd").isNumber() ? budget.path("soft_usd").asDouble() : null));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(field + "." + e.getMessage(), e);
      }
    }
    return budgets;
  }

  static ArrayNode budgetsNode(List<BudgetLimit> budgets) {
    ArrayNode array = Json.array();
    for (BudgetLimit budget : budgets) {
      ObjectNode node = array.addObject();
      node.put("window", budget.window().wireName());
      node.put("max_usd", budget.hardUsd());
      if (budget.softUsd() != null) {
        node.put("soft_usd", budget.softUsd());
      }
    }
    return array;
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException(field + ": must be a string");
    }
    return value.textValue();
  }

  static List<String> stringList(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw new IllegalArgumentException(field + ": must be a list of strings");
    }
    List<String> list = new ArrayList<>(value.size());
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw new IllegalArgumentException(field + ": must be a list of strings");
      }
      list.add(item.textValue());
    }
    return list;
  }

  static Map<String, String> stringMap(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Map.of();
    }
    requireObject(value, field);
    Map<String, String> map = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (!entry.getValue().isValueNode()) {
        throw new IllegalArgumentException(field + "." + entry.getKey() + ": must be a string");
      }
      map.put(entry.getKey(), entry.getValue().asText());
    }
    return map;
  }

  /** A time given as epoch milliseconds or an ISO-8601 instant ("2026-12-31T00:00:00Z"), or null. */
  static Long time(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isIntegralNumber()) {
      return value.asLong();
    }
    try {
      return Instant.parse(value.asText()).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(field + ": must be an ISO-8601 instant such as 2026-12-31T00:00:00Z", e);
    }
  }

  private static String instant(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode array = Json.array();
    values.forEach(array::add);
    return array;
  }

  private static Long positiveLong(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || value.asLong() <= 0) {
      throw new IllegalArgumentException("limits." + field + ": must be a positive integer");
    }
    return value.asLong();
  }

  private static void requireObject(JsonNode node, String field) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(field + ": must be an object");
    }
  }
}
