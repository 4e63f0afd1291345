package dev.switchboard.providers.bedrock;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for one region and service, with the request time passed in (no clock is read here).
 * The canonical request, the string to sign and the signature are exposed for tests against AWS's published
 * test suite. Services other than S3 encode each path segment a second time in the canonical URI.
 */
public final class SigV4Signer {
  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();

  private final String region;
  private final String service;
  private final boolean encodePathTwice;
  /** The derived key of the last date signed for (it changes once a day); immutable, so safe to share. */
  private volatile DerivedKey derivedKey;

  private record DerivedKey(String date, String secret, byte[] key) {
    @Override
    public String toString() {
      return "DerivedKey[" + date + "]";
    }
  }

  public SigV4Signer(String region, String service, boolean encodePathTwice) {
    this.region = region;
    this.service = service;
    this.encodePathTwice = encodePathTwice;
  }

  /**
   * A request to sign.
   *
   * @param path the path as sent on the wire (already percent-encoded once)
   * @param query decoded query parameters, in any order
   * @param headers headers to sign (must include {@code host}); repeated names are allowed
   */
  public record Request(String method, String path, List<Map.Entry<String, String>> query,
      List<Map.Entry<String, String>> headers, byte[] payload) {}

  /** The result: the headers to add to the request, and the intermediate values for tests. */
  public record Signature(String amzDate, String canonicalRequest, String stringToSign, String signature,
      String signedHeaders, String authorization, String securityToken) {}

  public Signature sign(Request request, AwsCredentials credentials, long epochMillis) {
    String amzDate = AMZ_DATE.format(Instant.ofEpochMilli(epochMillis));
    String date = amzDate.substring(0, 8);
    TreeMap<String, List<String>> headers = new TreeMap<>();
    for (Map.Entry<String, String> header : request.headers()) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (!name.equals("x-amz-date") && !name.equals("authorization")) {
        headers.computeIfAbsent(name, n -> new ArrayList<>(1)).add(header.getValue());
      }
    }
    headers.put("x-amz-date", List.of(amzDate));
    if (credentials.sessionToken() != null) {
      headers.put("x-amz-security-token", List.of(credentials.sessionToken()));
    }
    StringBuilder canonicalHeaders = new StringBuilder(256);
    StringBuilder signedHeaders = new StringBuilder(64);
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      canonicalHeaders.append(header.getKey()).append(':');
      List<String> values = header.getValue();
      for (int i = 0; i < values.size(); i++) {
        canonicalHeaders.append(i == 0 ? "" : ",").append(trimValue(values.get(i)));
      }
      canonicalHeaders.append('\n');
      signedHeaders.append(signedHeaders.length() == 0 ? "" : ";").append(header.getKey());
    }
    String canonicalRequest = request.method() + '\n' + canonicalUri(request.path()) + '\n'
        + canonicalQuery(request.query()) + '\n' + canonicalHeaders + '\n' + signedHeaders + '\n'
        + hex(sha256(request.payload() == null ? new byte[0] : request.payload()));
    String scope = date + '/' + region + '/' + service + "/aws4_request";
    String stringToSign = ALGORITHM + '\n' + amzDate + '\n' + scope + '\n'
        + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
    byte[] key = signingKey(credentials.secretAccessKey(), date);
    String signature = hex(hmac(key, stringToSign));
    String authorization = ALGORITHM + " Credential=" + credentials.accessKeyId() + '/' + scope
        + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature;
    return new Signature(amzDate, canonicalRequest, stringToSign, signature, signedHeaders.toString(),
        authorization, credentials.sessionToken());
  }

  private byte[] signingKey(String secret, String date) {
    DerivedKey cached = derivedKey;
    if (cached != null && cached.date().equals(date) && cached.secret().equals(secret)) {
      return cached.key();
    }
    byte[] key = deriveKey(secret, date);
    derivedKey = new DerivedKey(date, secret, key);
    return key;
  }

  private byte[] deriveKey(String secret, String date) {
    byte[] dateKey = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
    byte[] regionKey = hmac(dateKey, region);
    byte[] serviceKey = hmac(regionKey, service);
    return hmac(serviceKey, "aws4_request");
  }

  private String canonicalUri(String path) {
    if (path == null || path.isEmpty()) {
      return "/";
    }
    return encodePathTwice ? uriEncode(path, false) : path;
  }

  static String canonicalQuery(List<Map.Entry<String, String>> query) {
    if (query == null || query.isEmpty()) {
      return "";
    }
    List<String[]> pairs = new ArrayList<>(query.size());
    for (Map.Entry<String, String> parameter : query) {
      pairs.add(new String[] {uriEncode(parameter.getKey(), true),
          uriEncode(parameter.getValue() == null ? "" : parameter.getValue(), true)});
    }
    pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
    StringBuilder out = new StringBuilder();
    for (String[] pair : pairs) {
      out.append(out.length() == 0 ? "" : "&").append(pair[0]).append('=').append(pair[1]);
    }
    return out.toString();
  }

  /** RFC 3986 encoding as SigV4 defines it: every byte but A-Z a-z 0-9 - _ . ~ (and '/' in paths). */
  public static String uriEncode(String text, boolean encodeSlash) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 8);
    for (byte b : bytes) {
      int c = b & 0xff;
      boolean unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '~';
      if (unreserved || (c == '/' && !encodeSlash)) {
        out.append((char) c);
      } else {
        out.append('%').append(UPPER_HEX[c >> 4]).append(UPPER_HEX[c & 0xf]);
      }
    }
    return out.toString();
  }

  private static String trimValue(String value) {
    String trimmed = value.trim();
    if (trimmed.indexOf("  ") < 0) {
      return trimmed;
    }
    StringBuilder out = new StringBuilder(trimmed.length());
    boolean space = false;
    for (int i = 0; i < trimmed.length(); i++) {
      char c = trimmed.charAt(i);
      if (c == ' ') {
        if (!space) {
          out.append(c);
        }
        space = true;
      } else {
        out.append(c);
        space = false;
      }
    }
    return out.toString();
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  static String hex(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[i * 2] = HEX[(bytes[i] >> 4) & 0xf];
      out[i * 2 + 1] = HEX[bytes[i] & 0xf];
    }
    return new String(out);
  }

  /** Compares two signatures in time independent of where they differ. */
  public static boolean sameSignature(String expected, String actual) {
    if (expected == null || actual == null) {
      return false;
    }
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        actual.getBytes(StandardCharsets.US_ASCII));
  }
}
