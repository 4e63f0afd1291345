package dev.switchboard.core.golden;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.switchboard.api.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/**
 * Golden files under {@code src/test/resources/golden/<dir>}. With {@code -Dgolden.update=true} a missing or
 * different expected file is (re)written in the source tree instead of failing; review the diff before committing.
 */
public final class Golden {
  private final String dir;

  public Golden(String dir) {
    this.dir = dir;
  }

  /** Case names whose input file ends with {@code suffix}, e.g. "request-text" for "request-text.openai.json". */
  public List<String> cases(String prefix, String suffix) {
    URL url = Golden.class.getClassLoader().getResource("golden/" + dir);
    try (Stream<Path> files = Files.list(Paths.get(url.toURI()))) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(prefix) && n.endsWith(suffix))
          .map(n -> n.substring(0, n.length() - suffix.length()))
          .sorted()
          .toList();
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public String text(String name) {
    try (var in = Golden.class.getClassLoader().getResourceAsStream("golden/" + dir + "/" + name)) {
      if (in == null) {
        return null;
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public JsonNode json(String name) {
    String text = text(name);
    if (text == null) {
      throw new IllegalStateException("missing golden file " + name);
    }
    return Json.parseTrusted(text);
  }

  public void assertMatches(String expectedName, JsonNode produced) {
    JsonNode actual = Json.parseTrusted(Json.writeString(produced));
    String expected = text(expectedName);
    if (Boolean.getBoolean("golden.update") && (expected == null || !Json.parseTrusted(expected).equals(actual))) {
      write(expectedName, actual);
      return;
    }
    assertThat(expected).as("golden file " + expectedName).isNotNull();
    assertThat(Json.writeString(actual)).as(expectedName)
        .isEqualTo(Json.writeString(Json.parseTrusted(expected)));
  }

  /** Compares text (an SSE transcript) exactly. */
  public void assertTextMatches(String expectedName, String actual) {
    String expected = text(expectedName);
    if (Boolean.getBoolean("golden.update") && !actual.equals(expected)) {
      writeText(expectedName, actual);
      return;
    }
    assertThat(expected).as("golden file " + expectedName).isNotNull();
    assertThat(actual).as(expectedName).isEqualTo(expected);
  }

  private void writeText(String name, String text) {
    try {
      Files.writeString(Paths.get("src/test/resources/golden", dir, name), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(String name, JsonNode actual) {
    try {
      Path target = Paths.get("src/test/resources/golden", dir, name);
      String pretty = Json.mapper().writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(actual);
      Files.writeString(target, pretty + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
