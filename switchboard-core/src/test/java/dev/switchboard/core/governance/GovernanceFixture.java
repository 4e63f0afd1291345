package dev.switchboard.core.governance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.auth.InvalidationBus;
import dev.switchboard.core.config.QuotaConfig;
import dev.switchboard.core.limits.LocalSpendLedger;
import dev.switchboard.core.limits.SpendLedger;
import dev.switchboard.core.store.Database;
import dev.switchboard.core.time.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A key store on SQLite (temporary file) or the shared PostgreSQL (tables with a prefix unique to the run). */
final class GovernanceFixture implements AutoCloseable {
  static final String ADMIN_KEY = "admin-test-key-LEAKCANARY-ADMIN-0001";
  private static final Logger TRANSCRIPT = LoggerFactory.getLogger("transcript");
  final ManualClock clock = new ManualClock();
  final Database database;
  final GovernanceStore store;
  final InvalidationBus bus;
  final KeyService keys;
  final SpendLedger ledger;
  final CredentialVault vault;
  final AdminApi admin;

  GovernanceFixture(Database.Kind kind) throws Exception {
    this(kind, InvalidationBus.local(), null);
  }

  GovernanceFixture(Database.Kind kind, InvalidationBus bus, String sharedPrefix) throws Exception {
    String prefix = sharedPrefix != null ? sharedPrefix : uniquePrefix();
    this.database = kind == Database.Kind.POSTGRES
        ? Database.postgres("jdbc:postgresql://127.0.0.1:5432/test", "postgres", null, "governance-test")
        : Database.sqlite(Files.createTempDirectory("sb-gov").resolve("governance.db"));
    this.store = new GovernanceStore(database, prefix);
    store.migrate().await(30, TimeUnit.SECONDS);
    this.bus = bus;
    this.keys = new KeyService(store, new ConfigQuotas(
        List.of(new QuotaConfig("config-team", 100L, null, null, null)), List.of()), bus, clock);
    this.ledger = new LocalSpendLedger(clock);
    this.vault = new CredentialVault(store, CredentialCipher.fromEnvironment(
        Map.of(CredentialCipher.MASTER_KEY_ENV, CredentialCipherTest.NEW_MASTER)), clock);
    this.admin = new AdminApi(new AdminAuthenticator(ADMIN_KEY), keys, ledger, vault);
  }

  static String uniquePrefix() {
    return "sbt" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
  }

  /** Calls the admin API with the admin key; every response is written to the test transcript. */
  AdminResponse call(String method, String path, String body) throws Exception {
    return callAs(ADMIN_KEY, method, path, body);
  }

  AdminResponse callAs(String adminKey, String method, String path, String body) throws Exception {
    JsonNode json = body == null ? null : Json.parse(body);
    AdminResponse response = admin.handle(method, path, Map.of(), adminKey == null ? null : "Bearer " + adminKey,
        json).await(30, TimeUnit.SECONDS);
    TRANSCRIPT.info("admin {} {} -> {} {}", method, path, response.status(), Json.writeString(response.body()));
    return response;
  }

  @Override
  public void close() throws Exception {
    store.dropTables().await(30, TimeUnit.SECONDS);
    database.close();
  }

  static Path tempDir() throws Exception {
    return Files.createTempDirectory("sb-gov");
  }
}
