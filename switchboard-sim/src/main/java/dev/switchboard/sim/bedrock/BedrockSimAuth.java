package dev.switchboard.sim.bedrock;

import dev.switchboard.providers.bedrock.AwsCredentials;
import dev.switchboard.providers.bedrock.SigV4Signer;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Verifies a request's SigV4 signature the way AWS does: recompute it from the signed headers, the path, the
 * query and the body with the one known secret, and compare. Returns null when valid, else the AWS exception
 * name and message to answer with (HTTP 403).
 */
final class BedrockSimAuth {
  private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  /** Why a request was refused: Bedrock's exception name and message. */
  record Refusal(String exception, String message) {}

  private final AwsCredentials credentials;

  BedrockSimAuth(AwsCredentials credentials) {
    this.credentials = credentials;
  }

  Refusal check(HttpServerRequest request, Buffer body) {
    String authorization = request.getHeader("authorization");
    String amzDate = request.getHeader("x-amz-date");
    if (authorization == null || amzDate == null || !authorization.startsWith("AWS4-HMAC-SHA256 ")) {
      return new Refusal("MissingAuthenticationTokenException", "Missing Authentication Token");
    }
    Map<String, String> parts = parse(authorization.substring("AWS4-HMAC-SHA256 ".length()));
    String[] scope = parts.getOrDefault("Credential", "").split("/");
    String signedHeaders = parts.get("SignedHeaders");
    String signature = parts.get("Signature");
    if (scope.length != 5 || signedHeaders == null || signature == null || !scope[4].equals("aws4_request")) {
      return new Refusal("IncompleteSignatureException", "Authorization header requires 'Credential', "
          + "'Signature' and 'SignedHeaders' parameters.");
    }
    if (!scope[0].equals(credentials.accessKeyId())) {
      return new Refusal("UnrecognizedClientException", "The security token included in the request is invalid.");
    }
    long epochMillis;
    try {
      epochMillis = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (RuntimeException e) {
      return new Refusal("IncompleteSignatureException", "X-Amz-Date must be in ISO 8601 basic format.");
    }
    if (!scope[1].equals(amzDate.substring(0, 8)) || !scope[3].equals("bedrock")
        || !List.of(signedHeaders.split(";")).contains("host")) {
      return new Refusal("InvalidSignatureException", "Credential should be scoped to a valid date, region "
          + "and the service 'bedrock', and must sign the host header.");
    }
    String token = request.getHeader("x-amz-security-token");
    SigV4Signer signer = new SigV4Signer(scope[2], scope[3], true);
    SigV4Signer.Signature expected = signer.sign(new SigV4Signer.Request(request.method().name(),
        request.path(), query(request.query()), headers(request.headers(), signedHeaders), body.getBytes()),
        new AwsCredentials(credentials.accessKeyId(), credentials.secretAccessKey(), token), epochMillis);
    if (!expected.signedHeaders().equals(signedHeaders) || !SigV4Signer.sameSignature(expected.signature(),
        signature)) {
      return new Refusal("InvalidSignatureException", "The request signature we calculated does not match the "
          + "signature you provided. Check your AWS Secret Access Key and signing method. Consult the service "
          + "documentation for details.");
    }
    return null;
  }

  private static Map<String, String> parse(String parameters) {
    Map<String, String> out = new java.util.HashMap<>();
    for (String part : parameters.split(",")) {
      int equals = part.indexOf('=');
      if (equals > 0) {
        out.put(part.substring(0, equals).trim(), part.substring(equals + 1).trim());
      }
    }
    return out;
  }

  private static List<Map.Entry<String, String>> headers(MultiMap all, String signedHeaders) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (String name : signedHeaders.split(";")) {
      if (name.equals("x-amz-date") || name.equals("x-amz-security-token")) {
        continue;
      }
      for (String value : all.getAll(name)) {
        out.add(Map.entry(name, value));
      }
    }
    return out;
  }

  private static List<Map.Entry<String, String>> query(String query) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    if (query == null || query.isEmpty()) {
      return out;
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      out.add(Map.entry(URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8)));
    }
    return out;
  }
}
