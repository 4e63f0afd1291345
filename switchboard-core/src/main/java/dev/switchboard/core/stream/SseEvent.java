package dev.switchboard.core.stream;

/** One server-sent event: its type ("message" when absent), its data (lines joined by \n) and its id. */
public record SseEvent(String event, String data, String id) {
  public static final String DEFAULT_TYPE = "message";

  public boolean isDone() {
    return "[DONE]".equals(data);
  }
}
