package dev.switchboard.core.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the response cache, shown at /admin/cache. */
public final class CacheStats {
  final LongAdder hits = new LongAdder();
  final LongAdder sharedHits = new LongAdder();
  final LongAdder semanticHits = new LongAdder();
  final LongAdder misses = new LongAdder();
  final LongAdder bypasses = new LongAdder();
  final LongAdder stores = new LongAdder();
  final LongAdder tooLarge = new LongAdder();
  final LongAdder singleFlightWaits = new LongAdder();
  final DoubleAdder savedCostUsd = new DoubleAdder();

  public long hits() {
    return hits.sum();
  }

  public long semanticHits() {
    return semanticHits.sum();
  }

  public long misses() {
    return misses.sum();
  }

  public long singleFlightWaits() {
    return singleFlightWaits.sum();
  }

  public double savedCostUsd() {
    return savedCostUsd.sum();
  }

  ObjectNode toJson() {
    ObjectNode json = Json.object();
    long hit = hits.sum();
    long semantic = semanticHits.sum();
    long miss = misses.sum();
    json.put("hits", hit);
    json.put("shared_hits", sharedHits.sum());
    json.put("semantic_hits", semantic);
    json.put("misses", miss);
    json.put("bypasses", bypasses.sum());
    json.put("stores", stores.sum());
    json.put("not_stored_too_large", tooLarge.sum());
    json.put("single_flight_waits", singleFlightWaits.sum());
    long lookups = hit + semantic + miss;
    json.put("hit_rate", lookups == 0 ? 0.0 : (double) (hit + semantic) / lookups);
    json.put("saved_cost_usd", savedCostUsd.sum());
    return json;
  }
}
