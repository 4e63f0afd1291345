package dev.switchboard.core.config;

/** Where durable state (request log, usage, keys) lives: SQLite in {@code data_dir} unless PostgreSQL is set. */
public record StoreConfig(String dataDir, PostgresConfig postgres) {
  public StoreConfig {
    dataDir = dataDir == null ? "data" : dataDir;
  }

  public static StoreConfig defaults() {
    return new StoreConfig(null, null);
  }
}
