package dev.switchboard.core.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {
  @Test
  void apply_replacesSpansInPlace_keepsSurroundingText() {
    String text = "Mail a@x.io or b@y.io, card 4111 1111 1111 1111.";
    List<PiiSpan> spans = PiiDetector.all().detect(text);
    assertThat(new Placeholders().apply(text, spans)).isEqualTo("Mail <EMAIL_1> or <EMAIL_2>, card <CREDIT_CARD_1>.");
  }

  @Test
  void apply_sameValueAcrossTexts_samePlaceholder_countsDistinctValues() {
    Placeholders placeholders = new Placeholders();
    PiiDetector detector = PiiDetector.all();
    String first = "from a@x.io";
    String second = "to b@y.io, cc a@x.io";
    assertThat(placeholders.apply(first, detector.detect(first))).isEqualTo("from <EMAIL_1>");
    assertThat(placeholders.apply(second, detector.detect(second))).isEqualTo("to <EMAIL_2>, cc <EMAIL_1>");
    assertThat(placeholders.counts()).isEqualTo(Map.of("EMAIL", 2));
  }

  @Test
  void apply_spanAtStartAndEnd_noOffByOne() {
    String text = "192.168.0.1";
    assertThat(new Placeholders().apply(text, PiiDetector.all().detect(text))).isEqualTo("<IP_ADDRESS_1>");
    assertThat(new Placeholders().apply("no pii", List.of())).isEqualTo("no pii");
  }
}
