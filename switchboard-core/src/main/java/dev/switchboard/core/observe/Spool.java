package dev.switchboard.core.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only file of rows (one JSON object a line) kept while the store is unavailable. Appends are forced
 * to disk before they return. A torn last line (a crash mid-write) is skipped on replay. Used by one thread.
 */
final class Spool {
  /** Receives replayed rows in chunks; throws to stop the replay (the file is then kept whole). */
  @FunctionalInterface
  interface ChunkWriter {
    void write(List<LogRow> rows) throws Exception;
  }

  private final Path file;
  private long records;

  Spool(Path file) {
    this.file = file;
    this.records = countExisting(file);
  }

  Path file() {
    return file;
  }

  boolean isEmpty() {
    return records == 0;
  }

  long records() {
    return records;
  }

  void append(List<LogRow> rows) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND);
        OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
      for (LogRow row : rows) {
        out.write(Json.write(row.toJson()));
        out.write('\n');
      }
      out.flush();
      channel.force(false);
    }
    records += rows.size();
  }

  /** Replays every row in chunks of {@code chunkSize}; on success the file is removed. */
  void replay(int chunkSize, ChunkWriter writer) throws Exception {
    if (!Files.exists(file)) {
      records = 0;
      return;
    }
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      List<LogRow> chunk = new ArrayList<>(chunkSize);
      String line;
      while ((line = reader.readLine()) != null) {
        LogRow row = parse(line);
        if (row == null) {
          continue;
        }
        chunk.add(row);
        if (chunk.size() >= chunkSize) {
          writer.write(chunk);
          chunk = new ArrayList<>(chunkSize);
        }
      }
      if (!chunk.isEmpty()) {
        writer.write(chunk);
      }
    }
    Files.delete(file);
    records = 0;
  }

  private static LogRow parse(String line) {
    if (line.isBlank()) {
      return null;
    }
    try {
      JsonNode node = Json.parse(line);
      return node instanceof ObjectNode object && object.hasNonNull("request_id") ? LogRow.fromJson(object) : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static long countExisting(Path file) {
    if (!Files.exists(file)) {
      return 0;
    }
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines.filter(l -> !l.isBlank()).count();
    } catch (IOException | java.io.UncheckedIOException e) {
      return 1;
    }
  }
}
