package dev.switchboard.bench.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Turns the seed scenario's result into the seed article's table (direct vs Switchboard) and the JSON file. */
public final class SeedReport {
  private SeedReport() {}

  /** Adds the date, command, machine, table and notes to {@code result}. */
  public static ObjectNode complete(ObjectNode result, String command) {
    result.put("kind", "seed");
    result.put("date", ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
    result.put("command", command);
    result.set("machine", machine());
    result.set("table", table(result));
    ArrayNode notes = result.putArray("notes");
    for (String note : notes(result)) {
      notes.add(note);
    }
    return result;
  }

  static ArrayNode table(JsonNode result) {
    JsonNode direct = result.path("phases").path("direct");
    JsonNode gateway = result.path("phases").path("switchboard");
    ArrayNode rows = Json.array();
    row(rows, "P50 latency (uncached)", ms(direct.path("latency_uncached_ms").path("p50")),
        ms(gateway.path("latency_uncached_ms").path("p50")));
    row(rows, "P99 latency (uncached)", ms(direct.path("latency_uncached_ms").path("p99")),
        ms(gateway.path("latency_uncached_ms").path("p99")));
    row(rows, "Throughput (req/s)", number(direct.path("throughput_rps")), number(gateway.path("throughput_rps")));
    row(rows, "Cache hit rate (ceiling " + percent(gateway.path("cache").path("ceiling")) + ")",
        percent(direct.path("cache").path("hit_rate")), percent(gateway.path("cache").path("hit_rate")));
    row(rows, "False cache hits (new prompts + hard negatives)", falseHits(direct), falseHits(gateway));
    row(rows, "Cost per 1M tokens", usd(direct.path("cost").path("cost_per_1m_tokens_usd")),
        usd(gateway.path("cost").path("cost_per_1m_tokens_usd")));
    JsonNode failover = result.path("failover");
    row(rows, "Failover 1: extra latency of a failed-over request (refused / 503 / hang)",
        failoverFigure(failover.path("direct"), "extra_latency_p50_ms"),
        failoverFigure(failover.path("switchboard"), "extra_latency_p50_ms"));
    row(rows, "Failover 2: provider death → no new request sent to it",
        failoverFigure(failover.path("direct"), "time_to_stop_sending_ms"),
        failoverFigure(failover.path("switchboard"), "time_to_stop_sending_ms"));
    row(rows, "Failover 3: recovery → let back in",
        failoverFigure(failover.path("direct"), "time_to_readmit_ms"),
        failoverFigure(failover.path("switchboard"), "time_to_readmit_ms"));
    row(rows, "Requests failed during the outages (refused / 503 / hang)",
        failoverFigure(failover.path("direct"), "failed_during_outage"),
        failoverFigure(failover.path("switchboard"), "failed_during_outage"));
    row(rows, "Gateway overhead, uncached p50 / p99 (Switchboard − direct)", "—",
        ms(result.path("overhead_ms").path("p50")) + " / " + ms(result.path("overhead_ms").path("p99")));
    row(rows, "Load generator ceiling vs an instant provider (req/s)",
        number(result.path("generator_ceiling").path("throughput_rps")), "—");
    return rows;
  }

  private static void row(ArrayNode rows, String metric, String direct, String switchboard) {
    rows.addObject().put("metric", metric).put("direct", direct).put("switchboard", switchboard);
  }

  private static String falseHits(JsonNode phase) {
    JsonNode cache = phase.path("cache");
    return cache.path("false_hits").asLong(0) + " (" + percent(cache.path("false_hit_rate")) + ")";
  }

  private static String failoverFigure(JsonNode phase, String field) {
    StringBuilder text = new StringBuilder();
    for (FailoverPhase.Death death : FailoverPhase.DEATHS) {
      JsonNode window = phase.path(death.name());
      if (text.length() > 0) {
        text.append(" / ");
      }
      JsonNode value = window.path(field);
      if (field.equals("time_to_stop_sending_ms") && window.path("still_sending_at_recovery").asBoolean(false)) {
        text.append("never");
      } else if (field.equals("failed_during_outage")) {
        text.append(value.asLong(0)).append(" of ").append(window.path("requests_during_outage").asLong(0));
      } else {
        text.append(ms(value));
      }
    }
    return text.toString();
  }

  static String ms(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "n/a";
    }
    double millis = value.asDouble();
    return Math.abs(millis) >= 100 ? String.format(Locale.ROOT, "%,.0f ms", millis)
        : String.format(Locale.ROOT, "%.1f ms", millis);
  }

  static String percent(JsonNode value) {
    return value == null || value.isNull() || value.isMissingNode() ? "n/a"
        : String.format(Locale.ROOT, "%.1f%%", value.asDouble() * 100);
  }

  static String usd(JsonNode value) {
    return value == null || value.isNull() || value.isMissingNode() ? "n/a"
        : String.format(Locale.ROOT, "$%.2f", value.asDouble());
  }

  static String number(JsonNode value) {
    return value == null || value.isNull() || value.isMissingNode() ? "n/a"
        : String.format(Locale.ROOT, "%,.0f", value.asDouble());
  }

  private static List<String> notes(JsonNode result) {
    JsonNode gateway = result.path("phases").path("switchboard");
    String cost = gateway.path("cost").path("gateway_reported_responses").asLong(0) > 0
        ? "the gateway also reported its own cost (x-switchboard-cost-usd): "
            + usd(gateway.path("cost").path("gateway_reported_cost_per_1m_tokens_usd")) + " per 1M tokens"
        : "the gateway reported no cost header; cost is usage × the bundled catalogue price, hits counted as free";
    return List.of(
        "Simulated providers on loopback, latency profiles calibrated to the three models; not real providers.",
        "Same workload (seeded) sent direct (round-robin over the providers, native protocols) and through "
            + "Switchboard, " + result.path("settings").path("concurrency").asInt() + " requests open.",
        "Cache hits are what the gateway reports in x-switchboard-cache; " + cost + ".",
        "Failover figures come from the client side: x-switchboard-attempts and x-switchboard-provider.");
  }

  /** Prints the table as Markdown. */
  public static void print(PrintStream out, JsonNode result) {
    out.println();
    out.println("| metric | direct | Switchboard |");
    out.println("|---|---|---|");
    for (JsonNode row : result.path("table")) {
      out.println("| " + row.path("metric").asText() + " | " + row.path("direct").asText() + " | "
          + row.path("switchboard").asText() + " |");
    }
    for (JsonNode note : result.path("notes")) {
      out.println("- " + note.asText());
    }
  }

  public static void write(Path file, JsonNode result) throws java.io.IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.write(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(result));
  }

  static ObjectNode machine() {
    ObjectNode machine = Json.object();
    machine.put("host_cpus", Runtime.getRuntime().availableProcessors());
    String cpu = "unknown";
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          cpu = line.substring(line.indexOf(':') + 1).trim();
          break;
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      cpu = "unknown";
    }
    machine.put("cpu", cpu);
    try {
      String[] load = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      machine.put("load_average_at_end", load[0] + " " + load[1] + " " + load[2]);
    } catch (java.io.IOException | RuntimeException e) {
      machine.putNull("load_average_at_end");
    }
    machine.put("kernel", System.getProperty("os.version"));
    machine.put("java", "java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name")
        + ")");
    return machine;
  }
}
