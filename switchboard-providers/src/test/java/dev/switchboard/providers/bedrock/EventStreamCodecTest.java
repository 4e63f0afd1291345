package dev.switchboard.providers.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventStreamCodecTest {

  @Test
  void awsVectors_decoded_matchPublishedHeadersAndPayloadOrFail() throws IOException {
    JsonNode vectors = vectors();
    int checked = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = vectors.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> vector = it.next();
      byte[] encoded = HexFormat.of().parseHex(vector.getValue().get("encoded_hex").asText());
      List<EventStreamMessage> decoded = new ArrayList<>();
      EventStreamCodec.Decoder decoder = new EventStreamCodec.Decoder();
      if (vector.getValue().get("expectation").asText().equals("failure")) {
        assertThatThrownBy(() -> decoder.feed(encoded, 0, encoded.length, decoded::add)).as(vector.getKey())
            .isInstanceOf(EventStreamCodec.MalformedFrameException.class);
      } else {
        decoder.feed(encoded, 0, encoded.length, decoded::add);
        assertThat(decoded).as(vector.getKey()).hasSize(1);
        EventStreamMessage message = decoded.get(0);
        assertThat(new String(message.payload(), StandardCharsets.UTF_8))
            .isEqualTo(vector.getValue().get("payload_utf8").asText());
        JsonNode headers = vector.getValue().get("headers");
        assertThat(message.headers()).hasSize(headers.size());
        headers.fields().forEachRemaining(h -> assertThat(String.valueOf(message.headers().get(h.getKey())))
            .isEqualTo(h.getValue().get("value").asText()));
        assertThat(EventStreamCodec.encode(message)).as("re-encoded " + vector.getKey()).isEqualTo(encoded);
      }
      checked++;
    }
    assertThat(checked).isEqualTo(8);
  }

  @Test
  void everyHeaderType_encodedThenDecoded_roundTrips() {
    Map<String, Object> headers = new LinkedHashMap<>();
    headers.put("true", true);
    headers.put("false", false);
    headers.put("byte", (byte) -49);
    headers.put("short", (short) 42);
    headers.put("int", 40972);
    headers.put("long", 42424242L);
    headers.put("bytes", "I'm a little teapot!".getBytes(StandardCharsets.UTF_8));
    headers.put("string", "application/json");
    headers.put("timestamp", Instant.ofEpochMilli(8675309));
    headers.put("uuid", new UUID(0x0001020304050607L, 0x08090a0b0c0d0e0fL));
    EventStreamMessage message = new EventStreamMessage(headers, "{'foo':'bar'}".getBytes(StandardCharsets.UTF_8));

    List<EventStreamMessage> decoded = decodeAll(EventStreamCodec.encode(message));

    assertThat(decoded).containsExactly(message);
  }

  @Test
  void messages_splitAtEveryByteBoundary_decodeIdentically() {
    byte[] stream = concat(frame("messageStart", "{\"role\":\"assistant\"}"),
        frame("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hello\"},\"p\":\"abcd\"}"),
        frame("messageStop", "{\"stopReason\":\"end_turn\"}"));
    List<EventStreamMessage> whole = decodeAll(stream);
    assertThat(whole).hasSize(3);
    for (int split = 1; split < stream.length; split++) {
      List<EventStreamMessage> parts = new ArrayList<>();
      EventStreamCodec.Decoder decoder = new EventStreamCodec.Decoder();
      decoder.feed(stream, 0, split, parts::add);
      decoder.feed(stream, split, stream.length - split, parts::add);
      assertThat(parts).as("split at " + split).isEqualTo(whole);
      assertThat(decoder.hasPartialMessage()).isFalse();
    }
  }

  @Test
  void randomChunking_ofManyMessages_decodesAllInOrder() {
    List<byte[]> frames = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      frames.add(frame("contentBlockDelta", "{\"delta\":{\"text\":\"token " + i + " " + "x".repeat(i * 37) + "\"}}"));
    }
    byte[] stream = concat(frames.toArray(new byte[0][]));
    SplittableRandom random = new SplittableRandom(7);
    List<EventStreamMessage> decoded = new ArrayList<>();
    EventStreamCodec.Decoder decoder = new EventStreamCodec.Decoder();
    for (int at = 0; at < stream.length; ) {
      int size = Math.min(stream.length - at, 1 + random.nextInt(3000));
      decoder.feed(stream, at, size, decoded::add);
      at += size;
    }
    assertThat(decoded).hasSize(200);
    assertThat(new String(decoded.get(199).payload(), StandardCharsets.UTF_8)).contains("token 199");
  }

  @Test
  void flippedPayloadByte_decoded_failsMessageChecksum() {
    byte[] frame = frame("messageStop", "{\"stopReason\":\"end_turn\"}");
    frame[frame.length - 6] ^= 0x01;
    assertThatThrownBy(() -> decodeAll(frame)).isInstanceOf(EventStreamCodec.MalformedFrameException.class)
        .hasMessageContaining("message checksum");
  }

  @Test
  void flippedLengthByte_decoded_failsPreludeChecksum() {
    byte[] frame = frame("messageStop", "{}");
    frame[3] ^= 0x01;
    assertThatThrownBy(() -> decodeAll(frame)).isInstanceOf(EventStreamCodec.MalformedFrameException.class)
        .hasMessageContaining("prelude checksum");
  }

  @Test
  void truncatedStream_decoded_reportsPartialMessage() {
    byte[] frame = frame("messageStop", "{}");
    EventStreamCodec.Decoder decoder = new EventStreamCodec.Decoder();
    List<EventStreamMessage> out = new ArrayList<>();
    decoder.feed(frame, 0, frame.length - 1, out::add);
    assertThat(out).isEmpty();
    assertThat(decoder.hasPartialMessage()).isTrue();
  }

  static byte[] frame(String eventType, String json) {
    return EventStreamCodec.encode(EventStreamMessage.of(json.getBytes(StandardCharsets.UTF_8),
        ":event-type", eventType, ":content-type", "application/json", ":message-type", "event"));
  }

  static byte[] concat(byte[]... parts) {
    int size = 0;
    for (byte[] part : parts) {
      size += part.length;
    }
    byte[] all = new byte[size];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }

  private static List<EventStreamMessage> decodeAll(byte[] bytes) {
    List<EventStreamMessage> out = new ArrayList<>();
    new EventStreamCodec.Decoder().feed(bytes, 0, bytes.length, out::add);
    return out;
  }

  private static JsonNode vectors() throws IOException {
    try (InputStream in = EventStreamCodecTest.class.getResourceAsStream("/eventstream/vectors.json")) {
      return Json.parse(in.readAllBytes());
    }
  }
}
