package dev.switchboard.core.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a YAML configuration: parse, substitute {@code ${ENV}} references, bind to immutable records (unknown
 * fields are errors), then validate. Every problem is reported with the path of its field.
 */
public final class ConfigLoader {
  private final ObjectMapper yaml;
  private final Function<String, String> environment;
  private final Set<String> knownProviderTypes;

  public ConfigLoader(Set<String> knownProviderTypes) {
    this(knownProviderTypes, System::getenv);
  }

  public ConfigLoader(Set<String> knownProviderTypes, Map<String, String> environment) {
    this(knownProviderTypes, environment::get);
  }

  public ConfigLoader(Set<String> knownProviderTypes, Function<String, String> environment) {
    this.knownProviderTypes = Set.copyOf(knownProviderTypes);
    this.environment = environment;
    this.yaml = YAMLMapper.builder(new YAMLFactory())
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .build();
  }

  public GatewayConfig load(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
    }
  }

  /** Loads a configuration bundled on the classpath (for example the embedded defaults). */
  public GatewayConfig loadResource(String resource) {
    try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new ConfigException("configuration resource " + resource + " is missing");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConfigException("cannot read configuration resource " + resource + ": " + e.getMessage());
    }
  }

  public GatewayConfig parse(String text) {
    JsonNode tree;
    try {
      tree = yaml.readTree(text);
    } catch (IOException e) {
      throw new ConfigException("configuration is not valid YAML: " + firstLine(e.getMessage()));
    }
    if (tree == null || tree instanceof MissingNode || tree.isNull()) {
      tree = yaml.createObjectNode();
    }
    if (!(tree instanceof ObjectNode)) {
      throw new ConfigException("configuration must be a mapping at the top level");
    }
    EnvironmentSubstitution substitution = new EnvironmentSubstitution(environment);
    substitution.apply(tree, "");
    if (!substitution.problems().isEmpty()) {
      throw new ConfigException(substitution.problems());
    }
    GatewayConfig config = bind(tree);
    List<String> problems = new ConfigValidator(knownProviderTypes).validate(config);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return config;
  }

  private GatewayConfig bind(JsonNode tree) {
    try {
      return yaml.treeToValue(tree, GatewayConfig.class);
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException(pathOf(e) + ": unknown field '" + e.getPropertyName() + "'");
    } catch (JsonMappingException e) {
      throw new ConfigException(pathOf(e) + ": " + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new ConfigException(firstLine(e.getMessage()));
    }
  }

  static String pathOf(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      } else if (ref.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      }
    }
    return path.length() == 0 ? "(root)" : path.toString();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
