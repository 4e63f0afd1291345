package dev.switchboard.core.routing;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The API keys of one provider, handed out in turn. Thread-safe. */
public final class KeyPool {
  private final List<String> keys;
  private final AtomicInteger next = new AtomicInteger();

  public KeyPool(List<String> keys) {
    this.keys = List.copyOf(keys);
  }

  /** The next key, or null when the provider needs none (local servers). */
  public String next() {
    if (keys.isEmpty()) {
      return null;
    }
    if (keys.size() == 1) {
      return keys.get(0);
    }
    return keys.get(Math.floorMod(next.getAndIncrement(), keys.size()));
  }

  public int size() {
    return keys.size();
  }
}
