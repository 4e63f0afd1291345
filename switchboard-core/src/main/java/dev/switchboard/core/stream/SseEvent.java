package dev.switchboard.core.stream;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One server-sent event: its type ("message" when absent), its data (lines joined by \n) and its id. The data is
 * kept as the UTF-8 bytes it arrived in, so a JSON payload can be parsed straight from them; {@link #data()} decodes
 * it to text only when asked.
 */
public final class SseEvent {
  public static final String DEFAULT_TYPE = "message";
  private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

  private final String event;
  private final String id;
  private final byte[] dataBytes;
  private String data;

  public SseEvent(String event, String data, String id) {
    this.event = event;
    this.id = id;
    this.data = data == null ? "" : data;
    this.dataBytes = this.data.getBytes(StandardCharsets.UTF_8);
  }

  private SseEvent(String event, byte[] dataBytes, String id) {
    this.event = event;
    this.id = id;
    this.dataBytes = dataBytes;
  }

  /** An event whose data is {@code dataBytes} (UTF-8; the array is kept, not copied). */
  public static SseEvent ofBytes(String event, byte[] dataBytes, String id) {
    return new SseEvent(event, dataBytes, id);
  }

  public String event() {
    return event;
  }

  public String id() {
    return id;
  }

  /** The data as text. */
  public String data() {
    String text = data;
    if (text == null) {
      text = new String(dataBytes, StandardCharsets.UTF_8);
      data = text;
    }
    return text;
  }

  /** The data as UTF-8 bytes; do not modify. */
  public byte[] dataBytes() {
    return dataBytes;
  }

  public boolean hasNoData() {
    return dataBytes.length == 0;
  }

  public boolean isDone() {
    return Arrays.equals(DONE, dataBytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SseEvent that && Objects.equals(event, that.event) && Objects.equals(id, that.id)
        && Arrays.equals(dataBytes, that.dataBytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(event, id, Arrays.hashCode(dataBytes));
  }

  @Override
  public String toString() {
    return "SseEvent[event=" + event + ", data=" + data() + ", id=" + id + "]";
  }
}
