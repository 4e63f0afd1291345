package dev.switchboard.bench.seed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Real prompts and labelled sentence pairs from the shared data folder: user prompts from {@code prompts/}
 * (Arena-Hard, MT-Bench and Vicuna first turns, self-instruct requests) and PAWS pairs from
 * {@code paraphrase/paws-x-en} (label 1: paraphrases; label 0: word-swap hard negatives).
 */
public record PromptPool(List<String> prompts, List<Pair> paraphrases, List<Pair> hardNegatives) {
  /** Two sentences; {@code second} is sent after {@code first} has been answered. */
  public record Pair(String first, String second) {}

  public PromptPool {
    prompts = List.copyOf(prompts);
    paraphrases = List.copyOf(paraphrases);
    hardNegatives = List.copyOf(hardNegatives);
  }

  /** Loads from a data folder holding {@code prompts/} and {@code paraphrase/}. */
  public static PromptPool load(Path data) {
    Set<String> prompts = new LinkedHashSet<>();
    Path promptDir = data.resolve("prompts");
    for (Path file : jsonlFiles(promptDir)) {
      for (String line : lines(file)) {
        if (!line.isBlank()) {
          String prompt = promptOf(Json.parseTrusted(line));
          if (prompt != null && !prompt.isBlank()) {
            prompts.add(prompt.strip());
          }
        }
      }
    }
    List<Pair> paraphrases = new ArrayList<>();
    List<Pair> negatives = new ArrayList<>();
    Path paws = data.resolve("paraphrase").resolve("paws-x-en").resolve("pairs.tsv");
    List<String> rows = lines(paws);
    // PAWS builds several pairs from one source sentence, so a sentence can stand in more than one row: a hit on it
    // may be a correct answer cached for the other row, not a false hit. Only pairs whose sentences occur once are
    // used, so that "new" and "hard negative" mean what they say.
    java.util.Map<String, Integer> occurrences = new java.util.HashMap<>();
    for (int i = 1; i < rows.size(); i++) {
      String[] columns = rows.get(i).split("\t");
      if (columns.length >= 4) {
        occurrences.merge(normalised(columns[1]), 1, Integer::sum);
        occurrences.merge(normalised(columns[2]), 1, Integer::sum);
      }
    }
    for (int i = 1; i < rows.size(); i++) {
      String[] columns = rows.get(i).split("\t");
      if (columns.length < 4 || columns[1].equals(columns[2])
          || occurrences.get(normalised(columns[1])) > 1 || occurrences.get(normalised(columns[2])) > 1) {
        continue;
      }
      Pair pair = new Pair(columns[1].strip(), columns[2].strip());
      if (columns[3].strip().equals("1")) {
        paraphrases.add(pair);
      } else if (columns[3].strip().equals("0")) {
        negatives.add(pair);
      }
    }
    if (prompts.isEmpty() || paraphrases.isEmpty() || negatives.isEmpty()) {
      throw new IllegalArgumentException("no prompts or paraphrase pairs under " + data);
    }
    return new PromptPool(new ArrayList<>(prompts), paraphrases, negatives);
  }

  private static String normalised(String sentence) {
    return String.join(" ", sentence.strip().toLowerCase(java.util.Locale.ROOT).split("\\s+"));
  }

  /** The data folder: {@code SWITCHBOARD_DATA}, else a {@code shared/data} folder near the working directory. */
  public static Path defaultLocation() {
    Path found = dev.switchboard.core.config.SharedData.locate("prompts");
    return found != null ? found : Path.of("../shared/data");
  }

  static String promptOf(JsonNode row) {
    if (row.hasNonNull("prompt")) {
      return row.get("prompt").asText();
    }
    if (row.path("turns").isArray() && row.path("turns").size() > 0) {
      return row.path("turns").get(0).asText();
    }
    if (row.hasNonNull("instruction")) {
      String input = row.path("instances").path(0).path("input").asText("");
      return input.isBlank() ? row.get("instruction").asText() : row.get("instruction").asText() + "\n\n" + input;
    }
    return null;
  }

  private static List<Path> jsonlFiles(Path directory) {
    try (Stream<Path> files = Files.walk(directory, 2)) {
      return files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read prompts under " + directory, e);
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
