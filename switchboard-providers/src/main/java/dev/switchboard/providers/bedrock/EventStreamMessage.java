package dev.switchboard.providers.bedrock;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One message of AWS's {@code application/vnd.amazon.eventstream} framing: typed headers and a payload. Header
 * values are Boolean, Byte, Short, Integer, Long, byte[], String, java.time.Instant (timestamp) or java.util.UUID.
 */
public record EventStreamMessage(Map<String, Object> headers, byte[] payload) {
  public EventStreamMessage {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    payload = payload == null ? new byte[0] : payload;
  }

  /** A message with string headers only, given as name, value, name, value... */
  public static EventStreamMessage of(byte[] payload, String... nameValuePairs) {
    Map<String, Object> headers = new LinkedHashMap<>();
    for (int i = 0; i + 1 < nameValuePairs.length; i += 2) {
      headers.put(nameValuePairs[i], nameValuePairs[i + 1]);
    }
    return new EventStreamMessage(headers, payload);
  }

  /** A string header's value, or null when absent or not a string. */
  public String stringHeader(String name) {
    Object value = headers.get(name);
    return value instanceof String text ? text : null;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof EventStreamMessage that) || !Arrays.equals(payload, that.payload)
        || headers.size() != that.headers.size()) {
      return false;
    }
    for (Map.Entry<String, Object> header : headers.entrySet()) {
      Object theirs = that.headers.get(header.getKey());
      Object ours = header.getValue();
      boolean same = ours instanceof byte[] a && theirs instanceof byte[] b ? Arrays.equals(a, b)
          : ours.equals(theirs);
      if (!same) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(payload) * 31 + headers.keySet().hashCode();
  }

  @Override
  public String toString() {
    return "EventStreamMessage[headers=" + headers.keySet() + ", payload=" + payload.length + " bytes]";
  }
}
