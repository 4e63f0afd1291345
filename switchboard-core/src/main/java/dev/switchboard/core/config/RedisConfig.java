package dev.switchboard.core.config;

/** Where a Redis server is: {@code redis://host:port[/db]}, with an optional password. */
public record RedisConfig(String url, String password) {
  @Override
  public String toString() {
    return "RedisConfig[url=" + url + "]";
  }
}
