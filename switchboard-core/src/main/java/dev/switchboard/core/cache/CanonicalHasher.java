package dev.switchboard.core.cache;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Feeds a JSON tree to SHA-256 in a canonical form: object keys sorted, numbers normalised (so {@code 1}, {@code 1.0}
 * and {@code 1e0} are equal, as are {@code 0.7} and {@code 0.70}), no insignificant whitespace. Each value is
 * type-tagged and length-prefixed, so the encoding is injective: two different documents never share an input.
 * One instance per thread (it reuses its buffer and digest); not thread-safe.
 */
final class CanonicalHasher {
  private static final byte OBJECT = 'o';
  private static final byte ARRAY = 'a';
  private static final byte STRING = 's';
  private static final byte NUMBER = 'n';
  private static final byte TRUE = 't';
  private static final byte FALSE = 'f';
  private static final byte NULL = 'z';
  private static final byte END = '.';
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final MessageDigest digest;
  private final byte[] buffer = new byte[4096];
  private String[] names = new String[16];
  private int position;

  CanonicalHasher() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Starts a new hash. */
  CanonicalHasher reset() {
    digest.reset();
    position = 0;
    return this;
  }

  /** Adds a plain string (a scope, a policy name). */
  CanonicalHasher string(String value) {
    tag(STRING);
    utf8(value == null ? "" : value);
    tag(END);
    return this;
  }

  /** Adds a whole value canonically. */
  CanonicalHasher value(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      tag(NULL);
    } else if (node.isObject()) {
      object(node, null);
    } else if (node.isArray()) {
      tag(ARRAY);
      for (int i = 0; i < node.size(); i++) {
        value(node.get(i));
      }
      tag(END);
    } else if (node.isTextual()) {
      string(node.textValue());
    } else if (node.isNumber()) {
      tag(NUMBER);
      number(node);
      tag(END);
    } else if (node.isBoolean()) {
      tag(node.booleanValue() ? TRUE : FALSE);
    } else {
      string(node.asText());
    }
    return this;
  }

  /** Adds an object, leaving out the top-level fields named in {@code skip} (null skips nothing). */
  CanonicalHasher object(JsonNode node, Set<String> skip) {
    tag(OBJECT);
    int count = node.size();
    int base = reserve(count);
    int n = 0;
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      String name = fields.next().getKey();
      if (skip == null || !skip.contains(name)) {
        names[base + n++] = name;
      }
    }
    Arrays.sort(names, base, base + n);
    for (int i = 0; i < n; i++) {
      String name = names[base + i];
      string(name);
      value(node.get(name));
    }
    Arrays.fill(names, base, base + n, null);
    depth -= count;
    tag(END);
    return this;
  }

  /** Finishes and returns the hash in lower-case hex. */
  String hex() {
    flush();
    byte[] hash = digest.digest();
    char[] out = new char[hash.length * 2];
    for (int i = 0; i < hash.length; i++) {
      out[2 * i] = HEX[(hash[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[hash[i] & 0xf];
    }
    return new String(out);
  }

  private int depth;

  private int reserve(int count) {
    int base = depth;
    depth += count;
    if (depth > names.length) {
      names = Arrays.copyOf(names, Math.max(depth, names.length * 2));
    }
    return base;
  }

  private void number(JsonNode node) {
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      ascii(Long.toString(node.longValue()));
      return;
    }
    double d = node.doubleValue();
    if (node.isFloatingPointNumber() && !node.isBigDecimal()) {
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        ascii(Long.toString((long) d));
      } else {
        ascii(Double.toString(d));
      }
      return;
    }
    java.math.BigDecimal exact = node.decimalValue().stripTrailingZeros();
    ascii(exact.scale() <= 0 && exact.precision() - exact.scale() < 16
        ? exact.toBigInteger().toString() : exact.toString());
  }

  private void tag(byte b) {
    if (position == buffer.length) {
      flush();
    }
    buffer[position++] = b;
  }

  private void ascii(String s) {
    for (int i = 0; i < s.length(); i++) {
      tag((byte) s.charAt(i));
    }
  }

  private void utf8(String s) {
    int length = s.length();
    lengthPrefix(length);
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      if (position > buffer.length - 4) {
        flush();
      }
      if (c < 0x80) {
        buffer[position++] = (byte) c;
      } else if (c < 0x800) {
        buffer[position++] = (byte) (0xc0 | (c >> 6));
        buffer[position++] = (byte) (0x80 | (c & 0x3f));
      } else {
        buffer[position++] = (byte) (0xe0 | (c >> 12));
        buffer[position++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        buffer[position++] = (byte) (0x80 | (c & 0x3f));
      }
    }
  }

  private void lengthPrefix(int length) {
    if (position > buffer.length - 4) {
      flush();
    }
    buffer[position++] = (byte) (length >>> 24);
    buffer[position++] = (byte) (length >>> 16);
    buffer[position++] = (byte) (length >>> 8);
    buffer[position++] = (byte) length;
  }

  private void flush() {
    if (position > 0) {
      digest.update(buffer, 0, position);
      position = 0;
    }
  }
}
