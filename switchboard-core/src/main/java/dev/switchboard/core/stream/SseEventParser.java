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
  private byte[] data = new byte[256];
  private int dataLength;
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
    int nameEnd = colon < 0 ? lineLength : colon;
    int valueStart = colon < 0 ? lineLength : colon + 1;
    if (valueStart < lineLength && line[valueStart] == ' ') {
      valueStart++;
    }
    if (isField(DATA, nameEnd)) {
      appendData(valueStart);
    } else if (isField(EVENT, nameEnd)) {
      eventType = text(valueStart);
    } else if (isField(ID, nameEnd)) {
      String value = text(valueStart);
      if (value.indexOf('\0') < 0) {
        lastEventId = value;
      }
    }
    // "retry" and unknown fields are ignored.
    lineLength = 0;
  }

  private static final byte[] DATA = {'d', 'a', 't', 'a'};
  private static final byte[] EVENT = {'e', 'v', 'e', 'n', 't'};
  private static final byte[] ID = {'i', 'd'};

  private boolean isField(byte[] name, int nameEnd) {
    if (nameEnd != name.length) {
      return false;
    }
    for (int i = 0; i < nameEnd; i++) {
      if (line[i] != name[i]) {
        return false;
      }
    }
    return true;
  }

  private String text(int valueStart) {
    return new String(line, valueStart, lineLength - valueStart, StandardCharsets.UTF_8);
  }

  private void appendData(int valueStart) {
    int valueLength = lineLength - valueStart;
    int needed = dataLength + (hasData ? 1 : 0) + valueLength;
    if (needed > maxEventBytes) {
      throw new IllegalStateException("server-sent event exceeds " + maxEventBytes + " bytes");
    }
    if (needed > data.length) {
      data = Arrays.copyOf(data, Math.max(needed, Math.min(maxEventBytes, data.length * 2)));
    }
    if (hasData) {
      data[dataLength++] = '\n';
    }
    System.arraycopy(line, valueStart, data, dataLength, valueLength);
    dataLength += valueLength;
    hasData = true;
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
    SseEvent event = SseEvent.ofBytes(type, Arrays.copyOf(data, dataLength), lastEventId);
    dataLength = 0;
    hasData = false;
    eventType = null;
    listener.accept(event);
  }
}
