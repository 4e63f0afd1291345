package dev.switchboard.sim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic answer: the same prompt, model and seed always give the same text. Tokens are the
 * whitespace-separated words of a text, so usage is exactly consistent with what was sent and answered.
 *
 * @param tokens the answer split into stream pieces (each a word with its following space)
 */
public record SimAnswer(String text, List<String> tokens, long promptTokens, long completionTokens,
    String finishReason) {

  private static final String[] WORDS = ("the a gateway model answer request token stream cache route provider "
      + "latency budget key result value simple fast careful clear useful data system user question detail "
      + "example reason step first next then finally because therefore however also which this that it is "
      + "are was can will should could would may might must shall one two three many few some every each "
      + "time place world people work life day way thing case point group number part problem fact").split(" ");

  /** Counts tokens the way the simulators do: whitespace-separated words. */
  public static long countTokens(String text) {
    if (text == null || text.isBlank()) {
      return 0;
    }
    return text.trim().split("\\s+").length;
  }

  /**
   * Builds the answer to {@code lastUserText} for a prompt of {@code promptTokens}; at most {@code maxTokens}
   * tokens (finish reason "length" when cut).
   */
  public static SimAnswer generate(String model, String lastUserText, String wholePrompt, long promptTokens,
      long seed, int maxTokens) {
    long hash = seed * 0x9E3779B97F4A7C15L;
    for (byte b : (model + '\u0000' + wholePrompt).getBytes(StandardCharsets.UTF_8)) {
      hash = (hash ^ b) * 0x100000001B3L;
    }
    SplittableRandom random = new SplittableRandom(hash);
    List<String> words = new ArrayList<>();
    words.add("Simulated");
    words.add("answer:");
    String[] echo = lastUserText == null ? new String[0] : lastUserText.trim().split("\\s+");
    for (int i = 0; i < Math.min(6, echo.length); i++) {
      if (!echo[i].isEmpty()) {
        words.add(echo[i]);
      }
    }
    int extra = 10 + random.nextInt(30);
    for (int i = 0; i < extra; i++) {
      words.add(WORDS[random.nextInt(WORDS.length)]);
    }
    String finish = "stop";
    if (maxTokens > 0 && words.size() > maxTokens) {
      words = new ArrayList<>(words.subList(0, maxTokens));
      finish = "length";
    }
    List<String> tokens = new ArrayList<>(words.size());
    for (int i = 0; i < words.size(); i++) {
      tokens.add(i == words.size() - 1 ? words.get(i) : words.get(i) + " ");
    }
    return new SimAnswer(String.join(" ", words), tokens, promptTokens, words.size(), finish);
  }
}
