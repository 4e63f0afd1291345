package dev.switchboard.core.cache.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.cache.semantic.PromptGuards.Checks;
import org.junit.jupiter.api.Test;

class PromptGuardsTest {
  private static String rejection(String a, String b) {
    return PromptGuards.rejection(PromptFeatures.of(a), PromptFeatures.of(b), Checks.ALL);
  }

  @Test
  void swappedVerbs_repeatedWord_rejectedByWordOrder() {
    assertThat(rejection("Milestones are beating a champion team, beating old teams and playing other players.",
        "Milestones are beating a champion team, playing old teams and beating other players."))
        .isEqualTo("word-order");
  }

  @Test
  void clauseMoved_toTheEnd_accepted() {
    assertThat(rejection("In 1990 the club was founded by local miners.",
        "The club was founded by local miners in 1990.")).isNull();
  }

  @Test
  void name_atSentenceStartOrInCapitals_sameName() {
    assertThat(rejection("Dalmatian running along the beach.", "A Dalmatian runs along the beach.")).isNull();
    assertThat(rejection("I am OK with medical use!", "I AM OK WITH MEDICAL USE!")).isNull();
  }

  @Test
  void name_differentOrMissing_rejected() {
    assertThat(rejection("Flights from Lisbon to Rome in May", "Flights from Lisbon to Paris in May"))
        .isEqualTo("entities");
    assertThat(rejection("It is near Main Street and Brook Road.", "It is near the main road and Brook Road."))
        .isEqualTo("entities");
  }

  @Test
  void name_oneOfTwoOccurrencesDropped_rejected() {
    assertThat(rejection("The Hollinwood Canal was a canal near Hollinwood, in Oldham, England.",
        "The Hollinwood Canal was a canal near Oldham in England.")).isEqualTo("entities");
  }

  @Test
  void names_swapped_rejected() {
    assertThat(rejection("Aamir Khan read the script by Mehra.", "Mehra read the script by Aamir Khan."))
        .isNotNull();
    assertThat(rejection("Convert 100 USD to EUR", "Convert 100 EUR to USD")).isNotNull();
  }
}
