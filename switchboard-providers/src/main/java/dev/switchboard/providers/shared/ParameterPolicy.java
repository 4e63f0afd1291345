package dev.switchboard.providers.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.spi.FailureKind;
import dev.switchboard.core.spi.UpstreamException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What to do with each OpenAI request parameter a provider cannot honour: {@link Action#DROP} removes it and
 * reports a warning (sent to the client in {@code x-switchboard-warning}); {@link Action#REJECT} fails the
 * attempt with HTTP 400 naming the parameter. A parameter that is absent, null, or set to OpenAI's default
 * (for example {@code n: 1}) changes nothing and is removed silently. Parameters not named here pass through.
 * Pure and immutable.
 */
public final class ParameterPolicy {
  /** The treatment of one parameter. */
  public enum Action {
    DROP, REJECT;

    static Action parse(String text) {
      return Action.valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
  }

  /** Values that are OpenAI's defaults: sending them asks for nothing a provider must support. */
  private static final Map<String, String> DEFAULTS = Map.of(
      "n", "1",
      "logprobs", "false",
      "presence_penalty", "0",
      "frequency_penalty", "0",
      "parallel_tool_calls", "true",
      "store", "false");

  private final String providerName;
  private final Map<String, Action> actions;

  private ParameterPolicy(String providerName, Map<String, Action> actions) {
    this.providerName = providerName;
    this.actions = Collections.unmodifiableMap(new TreeMap<>(actions));
  }

  public static ParameterPolicy of(String providerName, Map<String, Action> actions) {
    return new ParameterPolicy(providerName, actions);
  }

  public static ParameterPolicy none(String providerName) {
    return new ParameterPolicy(providerName, Map.of());
  }

  /** Reads {@code {"logit_bias": "reject", "user": "drop"}}; throws IllegalArgumentException on bad actions. */
  public static Map<String, Action> parse(Map<String, String> text) {
    Map<String, Action> parsed = new TreeMap<>();
    text.forEach((parameter, action) -> parsed.put(parameter, Action.parse(action)));
    return parsed;
  }

  /**
   * This policy with per-deployment overrides from provider options: {@code drop_parameters} and
   * {@code reject_parameters}, each a comma-separated list of parameter names; {@code pass_parameters} removes
   * a parameter from the policy.
   */
  public ParameterPolicy withOverrides(Map<String, String> options) {
    Map<String, Action> merged = new TreeMap<>(actions);
    for (String name : names(options.get("pass_parameters"))) {
      merged.remove(name);
    }
    for (String name : names(options.get("drop_parameters"))) {
      merged.put(name, Action.DROP);
    }
    for (String name : names(options.get("reject_parameters"))) {
      merged.put(name, Action.REJECT);
    }
    return new ParameterPolicy(providerName, merged);
  }

  private static List<String> names(String list) {
    List<String> names = new ArrayList<>();
    if (list != null) {
      for (String name : list.split(",")) {
        if (!name.isBlank()) {
          names.add(name.trim());
        }
      }
    }
    return names;
  }

  public Map<String, Action> actions() {
    return actions;
  }

  /**
   * Applies the policy to an OpenAI request in place. Returns the warnings for dropped parameters; throws
   * {@link UpstreamException} (400, {@code param} set) for a rejected one.
   */
  public List<String> apply(ObjectNode request) {
    if (actions.isEmpty()) {
      return List.of();
    }
    List<String> warnings = null;
    for (Map.Entry<String, Action> entry : actions.entrySet()) {
      String parameter = entry.getKey();
      JsonNode value = request.get(parameter);
      if (value == null) {
        continue;
      }
      request.remove(parameter);
      if (value.isNull() || isDefault(parameter, value)) {
        continue;
      }
      if (entry.getValue() == Action.REJECT) {
        throw new UpstreamException(FailureKind.BAD_REQUEST, 400, "The parameter '" + parameter
            + "' is not supported by the provider '" + providerName + "'.", parameter);
      }
      if (warnings == null) {
        warnings = new ArrayList<>(2);
      }
      warnings.add("dropped parameter '" + parameter + "' (not supported by provider '" + providerName + "')");
    }
    return warnings == null ? List.of() : warnings;
  }

  private static boolean isDefault(String parameter, JsonNode value) {
    String fallback = DEFAULTS.get(parameter);
    if (fallback == null) {
      return false;
    }
    if (value.isNumber()) {
      return value.asDouble() == Double.parseDouble(fallback);
    }
    return value.isBoolean() && value.asText().equals(fallback);
  }
}
