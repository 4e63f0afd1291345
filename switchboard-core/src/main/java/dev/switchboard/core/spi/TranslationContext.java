package dev.switchboard.core.spi;

/**
 * Facts a pure translator needs but must not look up itself: the request id (for synthesised ids), the creation
 * time in epoch seconds, and the upstream model name.
 */
public record TranslationContext(String requestId, long createdEpochSeconds, String upstreamModel) {}
