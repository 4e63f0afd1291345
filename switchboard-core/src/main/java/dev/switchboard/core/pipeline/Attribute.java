package dev.switchboard.core.pipeline;

/** A typed key for per-request state that one filter leaves for another. */
public final class Attribute<T> {
  private final String name;

  private Attribute(String name) {
    this.name = name;
  }

  public static <T> Attribute<T> named(String name) {
    return new Attribute<>(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
