package dev.switchboard.core.spi;

import dev.switchboard.core.time.Clock;
import io.vertx.core.Vertx;

/** What a provider adapter may use: the Vert.x instance of its event loop and the injected clock. */
public record ProviderContext(Vertx vertx, Clock clock) {}
