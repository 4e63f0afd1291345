package dev.switchboard.core.guard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.config.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the labelled guard data (the {@code injection/} and {@code pii/presidio-synth/} folders of the shared data
 * directory, JSON lines) and runs both evaluations.
 */
public final class GuardEvaluation {
  /** The injection sets, in report order: two with attacks, mixed, and the benign over-defence test. */
  public static final List<String> INJECTION_SETS = List.of("deepset", "gandalf", "jailbreak-in-the-wild",
      "notinject");
  public static final String PII_SET = "pii/presidio-synth";
  /** Real user prompts from chat benchmarks (no attacks): a false-positive check on data the rules never saw. */
  public static final String BENIGN_PROMPTS = "benign-prompts";

  private GuardEvaluation() {}

  /** The shared data folder holding {@code injection/} and {@code pii/}, or null. */
  public static Path locateData() {
    return SharedData.locate("injection");
  }

  /** Every labelled row of every {@code .jsonl} file of each injection set present under {@code data}. */
  public static Map<String, List<InjectionEvaluation.Example>> injectionSets(Path data) throws IOException {
    Map<String, List<InjectionEvaluation.Example>> sets = new LinkedHashMap<>();
    for (String name : INJECTION_SETS) {
      Path dir = data.resolve("injection").resolve(name);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      List<InjectionEvaluation.Example> examples = new ArrayList<>();
      for (JsonNode row : rows(dir)) {
        if (row.has("label") && row.path("text").isTextual()) {
          examples.add(new InjectionEvaluation.Example(row.get("text").textValue(), row.get("label").asInt() == 1));
        }
      }
      sets.put(name, examples);
    }
    List<InjectionEvaluation.Example> benign = benignPrompts(data.resolve("prompts"));
    if (!benign.isEmpty()) {
      sets.put(BENIGN_PROMPTS, benign);
    }
    return sets;
  }

  /**
   * Every prompt of the chat benchmark sets under {@code prompts/} (fields {@code prompt}, {@code turns} or
   * {@code instruction}), each as a benign example.
   */
  static List<InjectionEvaluation.Example> benignPrompts(Path prompts) throws IOException {
    List<InjectionEvaluation.Example> out = new ArrayList<>();
    if (!Files.isDirectory(prompts)) {
      return out;
    }
    List<Path> dirs;
    try (Stream<Path> listing = Files.list(prompts)) {
      dirs = listing.filter(Files::isDirectory).sorted().toList();
    }
    for (Path dir : dirs) {
      for (JsonNode row : rows(dir)) {
        for (String field : List.of("prompt", "instruction")) {
          if (row.path(field).isTextual()) {
            out.add(new InjectionEvaluation.Example(row.get(field).textValue(), false));
          }
        }
        for (JsonNode turn : row.path("turns")) {
          if (turn.isTextual()) {
            out.add(new InjectionEvaluation.Example(turn.textValue(), false));
          }
        }
      }
    }
    return out;
  }

  public static List<PiiEvaluation.Sentence> piiSentences(Path data) throws IOException {
    List<PiiEvaluation.Sentence> out = new ArrayList<>();
    Path dir = data.resolve(PII_SET);
    if (!Files.isDirectory(dir)) {
      return out;
    }
    for (JsonNode row : rows(dir)) {
      List<PiiEvaluation.Gold> spans = new ArrayList<>();
      for (JsonNode span : row.path("spans")) {
        String text = row.path("text").asText();
        spans.add(new PiiEvaluation.Gold(span.path("entity_type").asText(),
            text.offsetByCodePoints(0, span.path("start").asInt()), text.offsetByCodePoints(0, span.path("end").asInt())));
      }
      out.add(new PiiEvaluation.Sentence(row.path("text").asText(), spans));
    }
    return out;
  }

  private static List<JsonNode> rows(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files = listing.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
    }
    List<JsonNode> out = new ArrayList<>();
    for (Path file : files) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          out.add(Json.parse(line));
        }
      }
    }
    return out;
  }
}
