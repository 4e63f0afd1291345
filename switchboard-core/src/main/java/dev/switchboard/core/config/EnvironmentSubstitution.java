package dev.switchboard.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in string values of a parsed configuration tree. Only
 * values are substituted (never keys), after parsing, so an environment value cannot inject YAML structure.
 */
final class EnvironmentSubstitution {
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

  private final Function<String, String> environment;
  private final List<String> problems = new ArrayList<>();

  EnvironmentSubstitution(Function<String, String> environment) {
    this.environment = environment;
  }

  List<String> problems() {
    return problems;
  }

  void apply(JsonNode node, String path) {
    if (node instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
      fields.forEachRemaining(entries::add);
      for (Map.Entry<String, JsonNode> entry : entries) {
        String childPath = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
        JsonNode child = entry.getValue();
        if (child.isTextual()) {
          object.set(entry.getKey(), substitute(child.textValue(), childPath));
        } else {
          apply(child, childPath);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode child = array.get(i);
        String childPath = path + "[" + i + "]";
        if (child.isTextual()) {
          array.set(i, substitute(child.textValue(), childPath));
        } else {
          apply(child, childPath);
        }
      }
    }
  }

  private JsonNode substitute(String value, String path) {
    if (value.indexOf("${") < 0) {
      return TextNode.valueOf(value);
    }
    Matcher matcher = REFERENCE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      String fallback = matcher.group(2);
      String resolved = environment.apply(name);
      if (resolved == null || (resolved.isEmpty() && fallback != null)) {
        if (fallback == null) {
          problems.add(path + ": environment variable " + name + " is not set");
          resolved = "";
        } else {
          resolved = fallback;
        }
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(resolved));
    }
    matcher.appendTail(out);
    return TextNode.valueOf(out.toString());
  }
}
