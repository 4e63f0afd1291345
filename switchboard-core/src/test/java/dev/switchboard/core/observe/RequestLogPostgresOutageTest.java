package dev.switchboard.core.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.store.Database;
import dev.switchboard.core.time.Clock;
import dev.switchboard.core.time.Randomness;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store really goes away: the gateway reaches PostgreSQL through a proxy that the test cuts (closing every
 * connection) and restores, under load from several threads. Uses its own database, dropped afterwards.
 */
class RequestLogPostgresOutageTest {
  private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final int THREADS = 4;
  private static final int PER_THREAD = 1500;

  @TempDir Path dir;
  private final String databaseName = "sb_usage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private TcpProxy proxy;
  private Database database;
  private RequestLog log;

  @BeforeEach
  void createDatabase() throws Exception {
    try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + databaseName);
    }
    proxy = new TcpProxy(5432);
    proxy.start();
    database = Database.postgres("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + databaseName
        + "?connectTimeout=2&socketTimeout=20", "postgres", "", "outage-test");
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (log != null) {
      log.close();
    }
    database.close();
    proxy.close();
    try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + databaseName + " WITH (FORCE)");
    }
  }

  @Test
  void storeStoppedUnderLoad_andRestarted_everyRecordArrivesExactlyOnce() throws Exception {
    RequestLogStore store = new RequestLogStore(database);
    store.migrate().get();
    log = new RequestLog(store, dir, TestEntries.config(0, 100, 100, List.of()), Clock.system(),
        Randomness.seeded(1));
    AtomicInteger sent = new AtomicInteger();
    List<Thread> load = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      load.add(new Thread(() -> {
        for (int i = 0; i < PER_THREAD; i++) {
          log.enqueue(TestEntries.entry("t" + thread + "-" + i, 1_764_000_000_000L + i, "team", "gpt-4o", 200,
              0.001, 5));
          sent.incrementAndGet();
          if (i % 50 == 0) {
            LockSupport.parkNanos(2_000_000);
          }
        }
      }));
    }
    load.forEach(Thread::start);
    waitUntil(() -> sent.get() >= THREADS * PER_THREAD / 4);
    proxy.stop();
    boolean sawOutage = waitUntil(() -> !log.storeAvailable());
    boolean sawSpool = waitUntil(() -> log.spooled() > 0);
    waitUntil(() -> sent.get() >= THREADS * PER_THREAD * 3 / 4);
    proxy.start();
    for (Thread thread : load) {
      thread.join();
    }
    assertThat(log.awaitIdle(90_000)).isTrue();

    assertThat(sawOutage).as("the store was seen as unavailable").isTrue();
    assertThat(sawSpool).as("records were spooled during the outage").isTrue();
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + databaseName,
        "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT request_id) FROM request_log")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(THREADS * PER_THREAD);
      assertThat(rs.getLong(2)).isEqualTo(THREADS * PER_THREAD);
    }
    assertThat(log.spooled()).isZero();
    assertThat(dir.resolve("request-log.spool")).doesNotExist();
  }

  @Test
  void spoolLeftByAnEarlierRun_isReplayedOnStart_withoutDuplicates() throws Exception {
    RequestLogStore store = new RequestLogStore(database);
    store.migrate().get();
    Spool spool = new Spool(dir.resolve("request-log.spool"));
    spool.append(List.of(LogRows.metadata(TestEntries.entry("a", 1, "t", "m", 200, 0, 5)),
        LogRows.metadata(TestEntries.entry("b", 2, "t", "m", 200, 0, 5))));
    store.insert(List.of(LogRows.metadata(TestEntries.entry("a", 1, "t", "m", 200, 0, 5)))).get();
    log = new RequestLog(store, dir, TestEntries.config(0, 100, 100, List.of()), Clock.system(),
        Randomness.seeded(1));
    log.enqueue(TestEntries.entry("c", 3, "t", "m", 200, 0, 5));
    assertThat(log.awaitIdle(30_000)).isTrue();
    assertThat(new RequestLogQueries(database).count().get()).isEqualTo(3);
  }

  private static boolean waitUntil(java.util.function.BooleanSupplier condition) {
    for (int i = 0; i < 6000; i++) {
      if (condition.getAsBoolean()) {
        return true;
      }
      LockSupport.parkNanos(5_000_000);
    }
    return false;
  }
}
