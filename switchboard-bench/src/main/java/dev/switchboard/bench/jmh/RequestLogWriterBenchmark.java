package dev.switchboard.bench.jmh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.config.ObservabilityConfig;
import dev.switchboard.core.observe.AttemptRecord;
import dev.switchboard.core.observe.GatewayMetrics;
import dev.switchboard.core.observe.LogEntry;
import dev.switchboard.core.observe.RequestLog;
import dev.switchboard.core.observe.RequestLogStore;
import dev.switchboard.core.pipeline.RequestIds;
import dev.switchboard.core.store.Database;
import dev.switchboard.core.time.Clock;
import dev.switchboard.core.time.Randomness;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The request log's background cost per record: what its writer thread and the store's thread spend to turn a
 * finished request's snapshot into a stored row (sampling and redacting bodies at the default rate, Prometheus
 * meters, a batched insert into SQLite). The writer waits for each batch's insert, so the time per operation is
 * the CPU both threads spend per record; it competes with the event loops on a machine with few cores. On a
 * busy machine the wall time is noisy, so the CPU time of the two threads is counted as well
 * ({@code backgroundCpuNanos / records}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx1g", "-XX:+UseParallelGC"})
public class RequestLogWriterBenchmark {
  private static final int BATCH = 1024;

  private final Clock clock = Clock.system();
  private ObjectNode request;
  private ObjectNode response;
  private Path dir;
  private Database database;
  private RequestLog log;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    request = (ObjectNode) Json.parse("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"system\",\"content\":"
        + "\"You are terse.\"},{\"role\":\"user\",\"content\":\"How can I improve my time management skills at "
        + "work?\"}],\"temperature\":0.7,\"max_tokens\":256}");
    response = (ObjectNode) Json.parse("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"gpt-4o\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Plan the day, batch small "
        + "tasks and protect focus time.\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":24,"
        + "\"completion_tokens\":12,\"total_tokens\":36}}");
    dir = Files.createTempDirectory("sb-log-writer-bench");
    database = Database.sqlite(dir.resolve("requests.db"));
    RequestLogStore store = new RequestLogStore(database);
    store.migrate().get();
    log = new RequestLog(store, dir.resolve("spool"), ObservabilityConfig.defaults(), clock, Randomness.system());
    log.subscribe(new GatewayMetrics());
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    log.close();
    database.close();
  }

  /** One operation is one record; each invocation enqueues {@value #BATCH} and waits until all are stored. */
  /** CPU time of the writer and store threads, and records written, summed over an iteration. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Cpu {
    public long backgroundCpuNanos;
    public long records;

    @Setup(Level.Iteration)
    public void reset() {
      backgroundCpuNanos = 0;
      records = 0;
    }
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private static long backgroundCpu() {
    long total = 0;
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      String name = thread.getName();
      if (name.equals("switchboard-request-log") || name.startsWith("switchboard-db-")) {
        total += Math.max(0, THREADS.getThreadCpuTime(thread.getId()));
      }
    }
    return total;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long writeRecords(Cpu cpu) {
    long cpuBefore = backgroundCpu();
    long target = log.stored() + BATCH;
    long now = clock.epochMillis();
    for (int i = 0; i < BATCH; i++) {
      log.enqueue(entry(RequestIds.newId(), now));
    }
    while (log.stored() < target) {
      LockSupport.parkNanos(20_000);
    }
    cpu.backgroundCpuNanos += backgroundCpu() - cpuBefore;
    cpu.records += BATCH;
    return log.stored();
  }

  private LogEntry entry(String id, long now) {
    return new LogEntry(id, now, "CHAT_COMPLETIONS", false, "key-1", "platform", "gpt-4o", "gpt-4o-2024-08-06",
        "openai", "openai/gpt-4o",
        List.of(new AttemptRecord("openai", "openai/gpt-4o", "gpt-4o-2024-08-06", 200, "ok", 900_000, false)),
        "priority", "miss", 0, 24, 12, 0, 0, 0, false, 0.00018, true, 1_000_000, 0, 900_000, 100_000, 200, null,
        null, "stop", List.of(), request, response, null);
  }
}
