package dev.switchboard.core.cache;

/** One request's dealings with the cache, kept on the exchange between its request and response sides. */
final class CacheState {
  final String key;
  final CacheControls controls;
  /** The semantic context hash and prompt, when the request may use the semantic tier. */
  String contextHash;
  String prompt;
  SingleFlight.Flight flight;
  /** The request's event loop, where every step that touches the exchange runs. */
  io.vertx.core.Context context;
  String status = "miss";

  CacheState(String key, CacheControls controls) {
    this.key = key;
    this.controls = controls;
  }

  void releaseFlight() {
    if (flight != null) {
      flight.release();
      flight = null;
    }
  }
}
