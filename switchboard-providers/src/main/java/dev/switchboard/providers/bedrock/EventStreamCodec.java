package dev.switchboard.providers.bedrock;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * AWS event-stream framing: {@code [total length][headers length][prelude CRC32][headers][payload][message CRC32]},
 * big-endian, CRC32 as in gzip. {@link Decoder} reassembles messages across arbitrary splits of the byte stream
 * and checks both checksums; {@link #encode} writes messages (for the simulator and tests).
 */
public final class EventStreamCodec {
  /** The largest message accepted (16 MiB, the limit of AWS's own implementations). */
  public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
  /** The largest headers section accepted (128 KiB). */
  public static final int MAX_HEADERS_BYTES = 128 * 1024;
  static final int PRELUDE_BYTES = 12;
  static final int OVERHEAD_BYTES = 16;

  private static final byte TRUE = 0;
  private static final byte FALSE = 1;
  private static final byte BYTE = 2;
  private static final byte SHORT = 3;
  private static final byte INT = 4;
  private static final byte LONG = 5;
  private static final byte BYTES = 6;
  private static final byte STRING = 7;
  private static final byte TIMESTAMP = 8;
  private static final byte UUID_TYPE = 9;

  private EventStreamCodec() {}

  /** A frame that cannot be decoded: bad lengths, a checksum mismatch or an unknown header type. */
  public static final class MalformedFrameException extends RuntimeException {
    public MalformedFrameException(String message) {
      super(message, null, false, false);
    }
  }

  public static byte[] encode(EventStreamMessage message) {
    byte[] headers = encodeHeaders(message.headers());
    int total = OVERHEAD_BYTES + headers.length + message.payload().length;
    ByteBuffer out = ByteBuffer.allocate(total);
    out.putInt(total).putInt(headers.length);
    out.putInt((int) crc(out.array(), 0, 8));
    out.put(headers).put(message.payload());
    out.putInt((int) crc(out.array(), 0, total - 4));
    return out.array();
  }

  private static byte[] encodeHeaders(Map<String, Object> headers) {
    ByteBuffer out = ByteBuffer.allocate(estimate(headers));
    for (Map.Entry<String, Object> header : headers.entrySet()) {
      byte[] name = header.getKey().getBytes(StandardCharsets.UTF_8);
      if (name.length == 0 || name.length > 255) {
        throw new IllegalArgumentException("header name must be 1-255 bytes: " + header.getKey());
      }
      out.put((byte) name.length).put(name);
      Object value = header.getValue();
      if (value instanceof Boolean flag) {
        out.put(flag ? TRUE : FALSE);
      } else if (value instanceof Byte b) {
        out.put(BYTE).put(b);
      } else if (value instanceof Short s) {
        out.put(SHORT).putShort(s);
      } else if (value instanceof Integer i) {
        out.put(INT).putInt(i);
      } else if (value instanceof Long l) {
        out.put(LONG).putLong(l);
      } else if (value instanceof byte[] bytes) {
        out.put(BYTES).putShort((short) bytes.length).put(bytes);
      } else if (value instanceof String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.put(STRING).putShort((short) bytes.length).put(bytes);
      } else if (value instanceof Instant instant) {
        out.put(TIMESTAMP).putLong(instant.toEpochMilli());
      } else if (value instanceof UUID uuid) {
        out.put(UUID_TYPE).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
      } else {
        throw new IllegalArgumentException("unsupported header value type for " + header.getKey());
      }
    }
    byte[] bytes = new byte[out.position()];
    out.flip().get(bytes);
    return bytes;
  }

  private static int estimate(Map<String, Object> headers) {
    int size = 0;
    for (Map.Entry<String, Object> header : headers.entrySet()) {
      size += 4 + header.getKey().length() * 3 + 17;
      Object value = header.getValue();
      if (value instanceof String text) {
        size += text.length() * 3;
      } else if (value instanceof byte[] bytes) {
        size += bytes.length;
      }
    }
    return size;
  }

  static long crc(byte[] bytes, int offset, int length) {
    CRC32 crc = new CRC32();
    crc.update(bytes, offset, length);
    return crc.getValue();
  }

  /** Incremental decoder for one stream; not thread-safe. */
  public static final class Decoder {
    private byte[] buffer = new byte[8192];
    private int start;
    private int end;
    private final CRC32 crc = new CRC32();

    /** Appends bytes and emits every message they complete, in order. */
    public void feed(byte[] bytes, int offset, int length, Consumer<EventStreamMessage> out) {
      append(bytes, offset, length);
      while (end - start >= PRELUDE_BYTES) {
        int total = readInt(start);
        int headersLength = readInt(start + 4);
        crc.reset();
        crc.update(buffer, start, 8);
        if ((int) crc.getValue() != readInt(start + 8)) {
          throw new MalformedFrameException("event stream prelude checksum mismatch");
        }
        if (total < OVERHEAD_BYTES || total > MAX_MESSAGE_BYTES || headersLength < 0
            || headersLength > MAX_HEADERS_BYTES || headersLength > total - OVERHEAD_BYTES) {
          throw new MalformedFrameException("event stream prelude has impossible lengths");
        }
        if (end - start < total) {
          ensureCapacity(total);
          return;
        }
        crc.reset();
        crc.update(buffer, start, total - 4);
        if ((int) crc.getValue() != readInt(start + total - 4)) {
          throw new MalformedFrameException("event stream message checksum mismatch");
        }
        Map<String, Object> headers = decodeHeaders(start + PRELUDE_BYTES, headersLength);
        int payloadStart = start + PRELUDE_BYTES + headersLength;
        byte[] payload = new byte[total - OVERHEAD_BYTES - headersLength];
        System.arraycopy(buffer, payloadStart, payload, 0, payload.length);
        start += total;
        out.accept(new EventStreamMessage(headers, payload));
      }
    }

    /** Whether bytes of an incomplete message are waiting (a stream that ends now was cut). */
    public boolean hasPartialMessage() {
      return end > start;
    }

    private void append(byte[] bytes, int offset, int length) {
      if (start == end) {
        start = 0;
        end = 0;
      }
      if (end + length > buffer.length) {
        compactAndGrow(end - start + length);
      }
      System.arraycopy(bytes, offset, buffer, end, length);
      end += length;
    }

    private void ensureCapacity(int messageBytes) {
      if (buffer.length - start < messageBytes) {
        compactAndGrow(messageBytes);
      }
    }

    private void compactAndGrow(int needed) {
      int live = end - start;
      byte[] target = needed > buffer.length ? new byte[Math.max(needed, buffer.length * 2)] : buffer;
      System.arraycopy(buffer, start, target, 0, live);
      buffer = target;
      start = 0;
      end = live;
    }

    private int readInt(int at) {
      return ((buffer[at] & 0xff) << 24) | ((buffer[at + 1] & 0xff) << 16) | ((buffer[at + 2] & 0xff) << 8)
          | (buffer[at + 3] & 0xff);
    }

    private long readLong(int at) {
      return ((long) readInt(at) << 32) | (readInt(at + 4) & 0xffffffffL);
    }

    private Map<String, Object> decodeHeaders(int at, int length) {
      Map<String, Object> headers = new LinkedHashMap<>(8);
      int limit = at + length;
      while (at < limit) {
        int nameLength = buffer[at++] & 0xff;
        require(at + nameLength + 1 <= limit);
        String name = new String(buffer, at, nameLength, StandardCharsets.UTF_8);
        at += nameLength;
        byte type = buffer[at++];
        Object value;
        switch (type) {
          case TRUE -> value = Boolean.TRUE;
          case FALSE -> value = Boolean.FALSE;
          case BYTE -> {
            require(at + 1 <= limit);
            value = buffer[at];
            at += 1;
          }
          case SHORT -> {
            require(at + 2 <= limit);
            value = (short) (((buffer[at] & 0xff) << 8) | (buffer[at + 1] & 0xff));
            at += 2;
          }
          case INT -> {
            require(at + 4 <= limit);
            value = readInt(at);
            at += 4;
          }
          case LONG, TIMESTAMP -> {
            require(at + 8 <= limit);
            long raw = readLong(at);
            value = type == LONG ? (Object) raw : Instant.ofEpochMilli(raw);
            at += 8;
          }
          case BYTES, STRING -> {
            require(at + 2 <= limit);
            int size = ((buffer[at] & 0xff) << 8) | (buffer[at + 1] & 0xff);
            at += 2;
            require(at + size <= limit);
            if (type == STRING) {
              value = new String(buffer, at, size, StandardCharsets.UTF_8);
            } else {
              byte[] bytes = new byte[size];
              System.arraycopy(buffer, at, bytes, 0, size);
              value = bytes;
            }
            at += size;
          }
          case UUID_TYPE -> {
            require(at + 16 <= limit);
            value = new UUID(readLong(at), readLong(at + 8));
            at += 16;
          }
          default -> throw new MalformedFrameException("event stream header has unknown type " + type);
        }
        headers.put(name, value);
      }
      return headers;
    }

    private static void require(boolean condition) {
      if (!condition) {
        throw new MalformedFrameException("event stream header runs past its section");
      }
    }
  }
}
