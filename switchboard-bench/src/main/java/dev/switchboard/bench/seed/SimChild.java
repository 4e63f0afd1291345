package dev.switchboard.bench.seed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The simulators' child process ({@link SeedSimulators}): started with this JVM's class path, stopped by PID. */
final class SimChild implements AutoCloseable {
  private final Process process;
  private final int controlPort;
  private final Map<String, Integer> ports;

  private SimChild(Process process, int controlPort, Map<String, Integer> ports) {
    this.process = process;
    this.controlPort = controlPort;
    this.ports = ports;
  }

  static SimChild start(long seed, double latencyScale) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(List.of(java, "-XX:+UseParallelGC", "-Xss512k", "-Xmx768m",
        "-cp", System.getProperty("java.class.path"), SeedSimulators.class.getName(), Long.toString(seed),
        Double.toString(latencyScale)));
    builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process process = builder.start();
    BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8));
    String line = reader.readLine();
    if (line == null) {
      process.destroyForcibly();
      throw new IOException("the simulators' process exited before listening");
    }
    JsonNode json = Json.parse(line);
    Map<String, Integer> ports = new LinkedHashMap<>();
    json.path("providers").fields().forEachRemaining(e -> ports.put(e.getKey(), e.getValue().asInt()));
    return new SimChild(process, json.path("control").asInt(), ports);
  }

  /** {@code http://127.0.0.1:port} of a provider's dedicated listener. */
  String root(String provider) {
    return "http://127.0.0.1:" + ports.get(provider);
  }

  String controlUrl() {
    return "http://127.0.0.1:" + controlPort + "/_sim";
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
