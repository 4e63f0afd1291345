package dev.switchboard.core.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseEventParserTest {
  private static final String TRANSCRIPT = "event: message_start\ndata: {\"a\":1}\n\n"
      + ": this is a comment\n\n"
      + "data: first line\ndata: second line\n\n"
      + "data: {\"text\":\"héllo wörld ✓\"}\r\n\r\n"
      + "id: 7\nevent: ping\ndata: {}\r\n\r\n"
      + "data: [DONE]\n\n";

  private static List<SseEvent> parseInPieces(byte[] bytes, int... cuts) {
    List<SseEvent> events = new ArrayList<>();
    SseEventParser parser = new SseEventParser(events::add);
    int start = 0;
    for (int cut : cuts) {
      parser.feed(bytes, start, cut - start);
      start = cut;
    }
    parser.feed(bytes, start, bytes.length - start);
    return events;
  }

  @Test
  void wholeTranscript_yieldsEveryEventWithTypeDataAndId() {
    List<SseEvent> events = parseInPieces(TRANSCRIPT.getBytes(StandardCharsets.UTF_8));
    assertThat(events).extracting(SseEvent::event).containsExactly("message_start", "message", "message",
        "ping", "message");
    assertThat(events.get(0).data()).isEqualTo("{\"a\":1}");
    assertThat(events.get(1).data()).isEqualTo("first line\nsecond line");
    assertThat(events.get(2).data()).isEqualTo("{\"text\":\"héllo wörld ✓\"}");
    assertThat(events.get(3).id()).isEqualTo("7");
    assertThat(events.get(4).isDone()).isTrue();
  }

  @Test
  void splitAtEveryByteBoundary_givesTheSameEvents() {
    byte[] bytes = TRANSCRIPT.getBytes(StandardCharsets.UTF_8);
    List<SseEvent> expected = parseInPieces(bytes);
    for (int cut = 1; cut < bytes.length; cut++) {
      assertThat(parseInPieces(bytes, cut)).as("cut at %d", cut).isEqualTo(expected);
    }
  }

  @Test
  void splitIntoSingleBytes_includingInsideMultiByteCharactersAndCrLf_givesTheSameEvents() {
    byte[] bytes = TRANSCRIPT.getBytes(StandardCharsets.UTF_8);
    int[] cuts = new int[bytes.length - 1];
    for (int i = 0; i < cuts.length; i++) {
      cuts[i] = i + 1;
    }
    assertThat(parseInPieces(bytes, cuts)).isEqualTo(parseInPieces(bytes));
  }

  @Test
  void eventWithoutTrailingBlankLine_isDispatchedOnFinish() {
    List<SseEvent> events = new ArrayList<>();
    SseEventParser parser = new SseEventParser(events::add);
    parser.feed("data: tail".getBytes(StandardCharsets.UTF_8));
    assertThat(events).isEmpty();
    parser.finish();
    assertThat(events).singleElement().satisfies(e -> assertThat(e.data()).isEqualTo("tail"));
  }

  @Test
  void fieldWithoutSpaceAfterColon_andEmptyData_areHandled() {
    List<SseEvent> events = parseInPieces("data:x\n\ndata\n\nevent: only-type\n\n".getBytes(
        StandardCharsets.UTF_8));
    assertThat(events).extracting(SseEvent::data).containsExactly("x", "");
  }

  @Test
  void carriageReturnOnlyLineEndings_areLineBreaks() {
    List<SseEvent> events = parseInPieces("data: a\r\rdata: b\r\r".getBytes(StandardCharsets.UTF_8));
    assertThat(events).extracting(SseEvent::data).containsExactly("a", "b");
  }
}
