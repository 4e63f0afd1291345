package dev.switchboard.core.stream;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Incremental parser for the {@code text/event-stream} format (WHATWG HTML, "Server-sent events"). Feed it bytes
 * as they arrive, in any split: events and lines may be cut anywhere, including inside a multi-byte character or
 * between the CR and LF of a line break. Comments are skipped; multi-line data is joined with \n.
 */
public final class SseEventParser {
  private final Consumer<SseEvent> listener;
  private final int maxEventBytes;
  private byte[] line = new byte[256];
  private int lineLength;
  private boolean lastWasCarriageReturn;
  private final StringBuilder data = new StringBuilder(256);
  private boolean hasData;
  private String eventType;
  private String lastEventId;

  public SseEventParser(Consumer<SseEvent> listener) {
    this(listener, 16 * 1024 * 1024);
  }

  public SseEventParser(Consumer<SseEvent> listener, int maxEventBytes) {
    this.listener = listener;
    this.maxEventBytes = maxEventBytes;
  }

  public void feed(byte[] bytes) {
    feed(bytes, 0, bytes.length);
  }

  public void feed(byte[] bytes, int offset, int length) {
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      byte b = bytes[i];
      if (b == '\n') {
        if (lastWasCarriageReturn) {
          lastWasCarriageReturn = false;
          continue;
        }
        endOfLine();
      } else if (b == '\r') {
        lastWasCarriageReturn = true;
        endOfLine();
      } else {
        lastWasCarriageReturn = false;
        append(b);
      }
    }
  }

  /** Signals the end of input: a final event without its blank line is dispatched, as browsers do not. */
  public void finish() {
    if (lineLength > 0) {
      endOfLine();
    }
    if (hasData) {
      dispatch();
    }
  }

  private void append(byte b) {
    if (lineLength == line.length) {
      if (line.length >= maxEventBytes) {
        throw new IllegalStateException("server-sent event line exceeds " + maxEventBytes + " bytes");
      }
      line = Arrays.copyOf(line, Math.min(maxEventBytes, line.length * 2));
    }
    line[lineLength++] = b;
  }

  private void endOfLine() {
    if (lineLength == 0) {
      dispatch();
      return;
    }
    if (line[0] == ':') {
      lineLength = 0;
      return;
    }
    int colon = indexOfColon();
    String field;
    String value;
    if (colon < 0) {
      field = new String(line, 0, lineLength, StandardCharsets.UTF_8);
      value = "";
    } else {
      field = new String(line, 0, colon, StandardCharsets.US_ASCII);
      int valueStart = colon + 1;
      if (valueStart < lineLength && line[valueStart] == ' ') {
        valueStart++;
      }
      value = new String(line, valueStart, lineLength - valueStart, StandardCharsets.UTF_8);
    }
    lineLength = 0;
    switch (field) {
      case "data" -> {
        if (hasData) {
          data.append('\n');
        }
        data.append(value);
        hasData = true;
        if (data.length() > maxEventBytes) {
          throw new IllegalStateException("server-sent event exceeds " + maxEventBytes + " bytes");
        }
      }
      case "event" -> eventType = value;
      case "id" -> {
        if (value.indexOf('\0') < 0) {
          lastEventId = value;
        }
      }
      default -> {
        // "retry" and unknown fields are ignored.
      }
    }
  }

  private int indexOfColon() {
    for (int i = 0; i < lineLength; i++) {
      if (line[i] == ':') {
        return i;
      }
    }
    return -1;
  }

  private void dispatch() {
    if (!hasData) {
      eventType = null;
      return;
    }
    String type = eventType == null || eventType.isEmpty() ? SseEvent.DEFAULT_TYPE : eventType;
    SseEvent event = new SseEvent(type, data.toString(), lastEventId);
    data.setLength(0);
    hasData = false;
    eventType = null;
    listener.accept(event);
  }
}
