package dev.switchboard.providers.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SigV4SignerTest {
  private static final AwsCredentials SUITE = new AwsCredentials("AKIDEXAMPLE",
      "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null);
  private static final long SUITE_TIME = 1_440_938_160_000L; // 2015-08-30T12:36:00Z
  private final SigV4Signer signer = new SigV4Signer("us-east-1", "service", true);

  @ParameterizedTest
  @ValueSource(strings = {"get-vanilla", "post-vanilla", "get-vanilla-query-order-key-case",
      "post-x-www-form-urlencoded", "get-header-key-duplicate", "post-header-key-sort", "get-unreserved",
      "get-vanilla-utf8-query", "get-header-value-trim", "post-sts-header-before"})
  void suiteCase_signed_matchesPublishedValues(String name) throws IOException {
    Parsed parsed = parse(read(name + ".req"));
    SigV4Signer.Signature signature = signer.sign(parsed.request, parsed.credentials, SUITE_TIME);

    String creq = readOptional(name + ".creq");
    if (creq != null) {
      assertThat(signature.canonicalRequest()).isEqualTo(creq);
    }
    String sts = readOptional(name + ".sts");
    if (sts != null) {
      assertThat(signature.stringToSign()).isEqualTo(sts);
    }
    assertThat(signature.authorization()).isEqualTo(read(name + ".authz"));
    assertThat(signature.amzDate()).isEqualTo("20150830T123600Z");
  }

  @Test
  void sessionToken_given_isSignedAndReturned() {
    AwsCredentials temporary = new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "tok");
    SigV4Signer.Signature signature = signer.sign(new SigV4Signer.Request("POST", "/", List.of(),
        List.of(Map.entry("host", "example.amazonaws.com")), new byte[0]), temporary, SUITE_TIME);
    assertThat(signature.signedHeaders()).isEqualTo("host;x-amz-date;x-amz-security-token");
    assertThat(signature.securityToken()).isEqualTo("tok");
  }

  @Test
  void bedrockModelPath_withColon_isEncodedTwiceInCanonicalUri() {
    SigV4Signer bedrock = new SigV4Signer("us-east-1", "bedrock", true);
    SigV4Signer.Signature signature = bedrock.sign(new SigV4Signer.Request("POST",
        "/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse", List.of(),
        List.of(Map.entry("host", "bedrock-runtime.us-east-1.amazonaws.com")), "{}".getBytes(
            StandardCharsets.UTF_8)), SUITE, SUITE_TIME);
    assertThat(signature.canonicalRequest()).startsWith(
        "POST\n/model/anthropic.claude-3-5-sonnet-20240620-v1%253A0/converse\n");
    assertThat(signature.stringToSign()).contains("20150830/us-east-1/bedrock/aws4_request");
  }

  @Test
  void cachedSigningKey_acrossDays_isRederivedForEachDate() {
    SigV4Signer.Request request = new SigV4Signer.Request("GET", "/", List.of(),
        List.of(Map.entry("host", "example.amazonaws.com")), new byte[0]);
    String first = signer.sign(request, SUITE, SUITE_TIME).authorization();
    String nextDay = signer.sign(request, SUITE, SUITE_TIME + 86_400_000L).authorization();
    String again = signer.sign(request, SUITE, SUITE_TIME).authorization();
    assertThat(nextDay).contains("/20150831/").isNotEqualTo(first);
    assertThat(again).isEqualTo(first).endsWith("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    AwsCredentials other = new AwsCredentials("AKIDEXAMPLE", "another-secret", null);
    assertThat(signer.sign(request, other, SUITE_TIME).signature()).isNotEqualTo(
        signer.sign(request, SUITE, SUITE_TIME).signature());
  }

  @Test
  void differentPayload_sameEverythingElse_changesSignature() {
    SigV4Signer.Request one = new SigV4Signer.Request("POST", "/", List.of(),
        List.of(Map.entry("host", "h")), "a".getBytes(StandardCharsets.UTF_8));
    SigV4Signer.Request two = new SigV4Signer.Request("POST", "/", List.of(),
        List.of(Map.entry("host", "h")), "b".getBytes(StandardCharsets.UTF_8));
    assertThat(signer.sign(one, SUITE, SUITE_TIME).signature())
        .isNotEqualTo(signer.sign(two, SUITE, SUITE_TIME).signature());
    assertThat(SigV4Signer.sameSignature("abc", "abc")).isTrue();
    assertThat(SigV4Signer.sameSignature("abc", "abd")).isFalse();
  }

  private record Parsed(SigV4Signer.Request request, AwsCredentials credentials) {}

  /** Reads a suite {@code .req} file: request line, header lines, blank line, body. */
  private static Parsed parse(String text) {
    int blank = text.indexOf("\n\n");
    String head = blank < 0 ? text : text.substring(0, blank);
    String body = blank < 0 ? "" : text.substring(blank + 2);
    String[] lines = head.split("\n");
    String[] requestLine = lines[0].split(" ");
    String target = requestLine[1];
    int question = target.indexOf('?');
    String path = question < 0 ? target : target.substring(0, question);
    List<Map.Entry<String, String>> query = new ArrayList<>();
    if (question >= 0) {
      for (String pair : target.substring(question + 1).split("&")) {
        int equals = pair.indexOf('=');
        query.add(Map.entry(URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8),
            equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8)));
      }
    }
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    String token = null;
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      String name = lines[i].substring(0, colon);
      String value = lines[i].substring(colon + 1);
      if (name.equalsIgnoreCase("x-amz-security-token")) {
        token = value;
      } else {
        headers.add(Map.entry(name, value));
      }
    }
    AwsCredentials credentials = new AwsCredentials(SUITE.accessKeyId(), SUITE.secretAccessKey(), token);
    return new Parsed(new SigV4Signer.Request(requestLine[0], path, query, headers,
        body.getBytes(StandardCharsets.UTF_8)), credentials);
  }

  private static String read(String name) throws IOException {
    String text = readOptional(name);
    assertThat(text).as(name).isNotNull();
    return text;
  }

  private static String readOptional(String name) throws IOException {
    try (InputStream in = SigV4SignerTest.class.getResourceAsStream("/sigv4/" + name)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
