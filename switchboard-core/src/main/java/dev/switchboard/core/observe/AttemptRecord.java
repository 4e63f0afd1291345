package dev.switchboard.core.observe;

/** One upstream attempt: where it went, how it ended, how long it took. */
public record AttemptRecord(String provider, String deployment, String model, int status, String outcome,
    long durationNanos, boolean hedge) {}
