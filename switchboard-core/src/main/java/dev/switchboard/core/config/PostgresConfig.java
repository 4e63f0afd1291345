package dev.switchboard.core.config;

/** A PostgreSQL database: a JDBC URL with user and password. */
public record PostgresConfig(String url, String user, String password) {
  @Override
  public String toString() {
    return "PostgresConfig[url=" + url + ", user=" + user + "]";
  }
}
