package dev.switchboard.core.governance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.limits.SpendJournal;
import dev.switchboard.core.store.Database;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys, teams, customers, encrypted provider credentials and settled spend, in SQLite or PostgreSQL (the same SQL
 * works on both). Tables carry a configurable prefix. All work runs on the database's own thread; results come
 * back on the caller's Vert.x context.
 */
public final class GovernanceStore implements SpendJournal {
  private static final Logger LOG = LoggerFactory.getLogger(GovernanceStore.class);
  private final Database database;
  private final String keys;
  private final String tenants;
  private final String credentials;
  private final String spend;

  public GovernanceStore(Database database, String tablePrefix) {
    if (!tablePrefix.matches("[a-z][a-z0-9_]{0,30}")) {
      throw new IllegalArgumentException("table prefix must be lower-case letters, digits and '_'");
    }
    this.database = database;
    this.keys = tablePrefix + "keys";
    this.tenants = tablePrefix + "tenants";
    this.credentials = tablePrefix + "credentials";
    this.spend = tablePrefix + "spend";
  }

  public Future<Void> migrate() {
    return on(database.migrate(List.of(
        "CREATE TABLE IF NOT EXISTS " + keys + " (id VARCHAR(64) PRIMARY KEY, hash VARCHAR(64) NOT NULL UNIQUE,"
            + " team VARCHAR(200), revoked_at BIGINT, doc TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS " + tenants + " (kind VARCHAR(16) NOT NULL, id VARCHAR(400) NOT NULL,"
            + " doc TEXT NOT NULL, PRIMARY KEY (kind, id))",
        "CREATE TABLE IF NOT EXISTS " + credentials + " (name VARCHAR(200) PRIMARY KEY,"
            + " master_key_id VARCHAR(32) NOT NULL, ciphertext TEXT NOT NULL, updated_at BIGINT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS " + spend + " (scope VARCHAR(400) NOT NULL, period VARCHAR(32) NOT NULL,"
            + " micros BIGINT NOT NULL, PRIMARY KEY (scope, period))")));
  }

  Future<Void> saveKey(VirtualKey key) {
    String sql = "INSERT INTO " + keys + " (id, hash, team, revoked_at, doc) VALUES (?, ?, ?, ?, ?)"
        + " ON CONFLICT (id) DO UPDATE SET hash = excluded.hash, team = excluded.team,"
        + " revoked_at = excluded.revoked_at, doc = excluded.doc";
    return on(database.submit(c -> {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        s.setString(1, key.id());
        s.setString(2, key.hash());
        s.setString(3, key.team());
        if (key.revokedAtMillis() == null) {
          s.setNull(4, java.sql.Types.BIGINT);
        } else {
          s.setLong(4, key.revokedAtMillis());
        }
        s.setString(5, Json.writeString(GovernanceJson.keyDocument(key)));
        s.executeUpdate();
      }
      return null;
    }));
  }

  Future<VirtualKey> keyById(String id) {
    return on(database.submit(c -> firstKey(c, "SELECT doc FROM " + keys + " WHERE id = ?", id)));
  }

  /** The key whose secret hashes to {@code hash}, or null. */
  public Future<VirtualKey> keyByHash(String hash) {
    return on(database.submit(c -> firstKey(c, "SELECT doc FROM " + keys + " WHERE hash = ?", hash)));
  }

  Future<List<VirtualKey>> listKeys(String team) {
    String sql = "SELECT doc FROM " + keys + (team == null ? "" : " WHERE team = ?") + " ORDER BY id";
    return on(database.submit(c -> {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        if (team != null) {
          s.setString(1, team);
        }
        List<VirtualKey> found = new ArrayList<>();
        for (JsonNode doc : documents(s)) {
          found.add(GovernanceJson.keyFromDocument(doc));
        }
        return found;
      }
    }));
  }

  Future<Void> saveTenant(Tenant tenant) {
    String sql = "INSERT INTO " + tenants + " (kind, id, doc) VALUES (?, ?, ?)"
        + " ON CONFLICT (kind, id) DO UPDATE SET doc = excluded.doc";
    return on(database.submit(c -> {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        s.setString(1, tenant.kind().name());
        s.setString(2, tenant.storeId());
        s.setString(3, Json.writeString(GovernanceJson.tenantView(tenant)));
        s.executeUpdate();
      }
      return null;
    }));
  }

  /** The team or customer stored under {@code storeId} ("team" or "team/customer"), or null. */
  public Future<Tenant> tenant(Tenant.Kind kind, String storeId) {
    return on(database.submit(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT doc FROM " + tenants + " WHERE kind = ? AND id = ?")) {
        s.setString(1, kind.name());
        s.setString(2, storeId);
        List<JsonNode> docs = documents(s);
        return docs.isEmpty() ? null : GovernanceJson.tenantFromDocument(kind, docs.get(0));
      }
    }));
  }

  Future<List<Tenant>> listTenants(Tenant.Kind kind) {
    return on(database.submit(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT doc FROM " + tenants + " WHERE kind = ? ORDER BY id")) {
        s.setString(1, kind.name());
        List<Tenant> found = new ArrayList<>();
        for (JsonNode doc : documents(s)) {
          found.add(GovernanceJson.tenantFromDocument(kind, doc));
        }
        return found;
      }
    }));
  }

  Future<Boolean> deleteTenant(Tenant.Kind kind, String storeId) {
    return on(database.submit(c -> {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM " + tenants + " WHERE kind = ? AND id = ?")) {
        s.setString(1, kind.name());
        s.setString(2, storeId);
        return s.executeUpdate() > 0;
      }
    }));
  }

  Future<Void> saveCredential(String name, String masterKeyId, String ciphertext, long nowMillis) {
    String sql = "INSERT INTO " + credentials + " (name, master_key_id, ciphertext, updated_at) VALUES (?, ?, ?, ?)"
        + " ON CONFLICT (name) DO UPDATE SET master_key_id = excluded.master_key_id,"
        + " ciphertext = excluded.ciphertext, updated_at = excluded.updated_at";
    return on(database.submit(c -> {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        s.setString(1, name);
        s.setString(2, masterKeyId);
        s.setString(3, ciphertext);
        s.setLong(4, nowMillis);
        s.executeUpdate();
      }
      return null;
    }));
  }

  /** Credential name → ciphertext, for every stored credential. */
  Future<Map<String, String>> credentials() {
    return on(database.submit(c -> {
      Map<String, String> found = new java.util.TreeMap<>();
      try (PreparedStatement s = c.prepareStatement("SELECT name, ciphertext FROM " + credentials);
          ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          found.put(rows.getString(1), rows.getString(2));
        }
      }
      return found;
    }));
  }

  Future<Boolean> deleteCredential(String name) {
    return on(database.submit(c -> {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM " + credentials + " WHERE name = ?")) {
        s.setString(1, name);
        return s.executeUpdate() > 0;
      }
    }));
  }

  /** Adds settled spend, asynchronously; a failure is logged (the ledger in memory or Redis stays right). */
  @Override
  public void record(String scope, String period, long micros) {
    String sql = "INSERT INTO " + spend + " (scope, period, micros) VALUES (?, ?, ?)"
        + " ON CONFLICT (scope, period) DO UPDATE SET micros = " + spend + ".micros + excluded.micros";
    database.submit(c -> {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        s.setString(1, scope);
        s.setString(2, period);
        s.setLong(3, micros);
        return s.executeUpdate();
      }
    }).exceptionally(error -> {
      LOG.warn("event=spend_journal_failed scope={} reason={}", scope, error.getMessage());
      return 0;
    });
  }

  /** Every journalled spend as "scope|period" → micro-dollars, to seed the single-node ledger. */
  public Future<Map<String, Long>> loadSpend() {
    return on(database.submit(c -> {
      Map<String, Long> found = new HashMap<>();
      try (PreparedStatement s = c.prepareStatement("SELECT scope, period, micros FROM " + spend);
          ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          found.put(rows.getString(1) + "|" + rows.getString(2), rows.getLong(3));
        }
      }
      return found;
    }));
  }

  /** Drops this store's tables (tests use a unique prefix per run). */
  public Future<Void> dropTables() {
    return on(database.migrate(List.of("DROP TABLE IF EXISTS " + keys, "DROP TABLE IF EXISTS " + tenants,
        "DROP TABLE IF EXISTS " + credentials, "DROP TABLE IF EXISTS " + spend)));
  }

  private static VirtualKey firstKey(Connection c, String sql, String value) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, value);
      List<JsonNode> docs = documents(s);
      return docs.isEmpty() ? null : GovernanceJson.keyFromDocument(docs.get(0));
    }
  }

  private static List<JsonNode> documents(PreparedStatement statement) throws SQLException {
    List<JsonNode> docs = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        docs.add(Json.parseTrusted(rows.getString(1)));
      }
    }
    return docs;
  }

  /** Completes on the caller's Vert.x context when there is one. */
  static <T> Future<T> on(CompletableFuture<T> work) {
    Context context = Vertx.currentContext();
    return context == null ? Future.fromCompletionStage(work) : Future.fromCompletionStage(work, context);
  }
}
