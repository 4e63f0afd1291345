package dev.switchboard.core.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the labelled evaluation data lives (prompts, paraphrase pairs, ...): {@code SWITCHBOARD_DATA} when set,
 * otherwise a {@code shared/data} folder in, beside or above the working directory (so it is found from the
 * checkout and from a module directory during the build).
 */
public final class SharedData {
  private static final List<String> CANDIDATES = List.of("shared/data", "../shared/data", "../../shared/data");

  private SharedData() {}

  /** The data folder containing {@code child}, or null when none is found. */
  public static Path locate(String child) {
    String configured = System.getenv("SWITCHBOARD_DATA");
    if (configured != null && !configured.isBlank()) {
      Path path = Path.of(configured);
      return Files.isDirectory(path.resolve(child)) ? path.toAbsolutePath().normalize() : null;
    }
    for (String candidate : CANDIDATES) {
      Path path = Path.of(candidate);
      if (Files.isDirectory(path.resolve(child))) {
        return path.toAbsolutePath().normalize();
      }
    }
    return null;
  }
}
