package dev.switchboard.core.cache;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets concurrent identical misses make one upstream call: the first becomes the leader, the others wait until the
 * leader has stored its answer (or given up) and then look again.
 */
final class SingleFlight {
  /** The leader's hold on a key; released exactly once. */
  static final class Flight {
    private final String key;
    private final Promise<Void> done = Promise.promise();
    private final SingleFlight owner;

    private Flight(String key, SingleFlight owner) {
      this.key = key;
      this.owner = owner;
    }

    void release() {
      owner.flights.remove(key, this);
      done.tryComplete();
    }
  }

  private final ConcurrentHashMap<String, Flight> flights = new ConcurrentHashMap<>();

  /** Leads the flight for {@code key} when nobody does: returns the new flight, or null when another leads. */
  Flight lead(String key) {
    Flight mine = new Flight(key, this);
    return flights.putIfAbsent(key, mine) == null ? mine : null;
  }

  /** The current leader's completion, or null when nobody leads. */
  Future<Void> leaderDone(String key) {
    Flight leader = flights.get(key);
    return leader == null ? null : leader.done.future();
  }

  int inFlight() {
    return flights.size();
  }
}
