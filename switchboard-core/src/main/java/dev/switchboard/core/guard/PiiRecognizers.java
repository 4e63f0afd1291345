package dev.switchboard.core.guard;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The built-in recognisers, one per {@link PiiType}, in order of precedence when two candidates overlap. */
final class PiiRecognizers {
  private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2),
      Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7),
      Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));

  private PiiRecognizers() {}

  static List<Recognizer> all() {
    return List.of(email().startingAt(PiiRecognizers::emailStart), url(), iban().startingAt(PiiRecognizers::ibanStart),
        ibanSpaced().startingAt(PiiRecognizers::ibanStart), creditCard().startingAt(PiiRecognizers::numberStart),
        usSsn().startingAt(PiiRecognizers::numberStart), ipv4().startingAt(PiiRecognizers::numberStart), ipv6(),
        apiKey(), awsKey(), bearer(), jwt(), numericDate().startingAt(PiiRecognizers::numberStart),
        isoDate().startingAt(PiiRecognizers::numberStart), namedDate().startingAt(PiiRecognizers::namedDateStart),
        phone().startingAt(PiiRecognizers::phoneStart));
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The first digit of a run of digits. */
  static boolean numberStart(String text, int i) {
    return digit(text.charAt(i)) && (i == 0 || !digit(text.charAt(i - 1)));
  }

  static boolean phoneStart(String text, int i) {
    char c = text.charAt(i);
    return (c == '+' || c == '(' || digit(c)) && (i == 0 || !digit(text.charAt(i - 1)));
  }

  /** Two letters at the start of a word followed by two digits. */
  static boolean ibanStart(String text, int i) {
    return i + 4 <= text.length() && Character.isLetter(text.charAt(i))
        && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1))) && Character.isLetter(text.charAt(i + 1))
        && digit(text.charAt(i + 2)) && digit(text.charAt(i + 3));
  }

  /** The start of a word with an @ within the next 64 characters. */
  static boolean emailStart(String text, int i) {
    char c = text.charAt(i);
    if (!Character.isLetterOrDigit(c) || (i > 0 && (Character.isLetterOrDigit(text.charAt(i - 1))
        || ".%+-_".indexOf(text.charAt(i - 1)) >= 0))) {
      return false;
    }
    int at = text.indexOf('@', i);
    return at > i && at - i <= 64;
  }

  /** A digit run's start, or a word starting with a month's first three letters. */
  static boolean namedDateStart(String text, int i) {
    if (numberStart(text, i)) {
      return true;
    }
    if (i + 3 > text.length() || !Character.isLetter(text.charAt(i))
        || (i > 0 && Character.isLetter(text.charAt(i - 1)))) {
      return false;
    }
    return MONTHS.containsKey(text.substring(i, i + 3).toLowerCase(Locale.ROOT));
  }

  private static Recognizer of(PiiType type, String regex, int flags, Predicate<Matcher> validator,
      boolean needsDigit, String... anyOf) {
    return new Recognizer(type, Pattern.compile(regex, flags), 0, (text, m) -> validator.test(m), needsDigit, anyOf);
  }

  static Recognizer email() {
    return of(PiiType.EMAIL, "(?<![\\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@"
        + "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,24}(?![\\w-])", 0,
        m -> !m.group().contains(".."), false, "@");
  }

  static Recognizer url() {
    return of(PiiType.URL, "\\b(?:https?://|www\\.)[^\\s<>\"'()\\[\\]{}]{2,2048}", Pattern.CASE_INSENSITIVE,
        m -> true, false, "http", "HTTP", "Http", "www.", "WWW.", "Www.");
  }

  static Recognizer iban() {
    return of(PiiType.IBAN, "\\b[A-Za-z]{2}\\d{2}[A-Za-z0-9]{11,30}\\b", 0, m -> Checksums.iban(m.group()), true);
  }

  /** IBANs printed in groups of four; the last group may be short. */
  static Recognizer ibanSpaced() {
    return of(PiiType.IBAN, "\\b[A-Za-z]{2}\\d{2}(?: [A-Za-z0-9]{4}){2,7}(?: [A-Za-z0-9]{1,3})?\\b", 0,
        m -> Checksums.iban(m.group()), true);
  }

  static Recognizer creditCard() {
    return of(PiiType.CREDIT_CARD, "(?<![\\d-])\\d(?:[ -]?\\d){11,18}(?![\\d-])", 0,
        m -> Checksums.creditCard(m.group()) && consistentSeparators(m.group()), true);
  }

  static Recognizer usSsn() {
    return of(PiiType.US_SSN, "(?<![\\d-])\\d{3}([- ])\\d{2}\\1\\d{4}(?![\\d-])", 0,
        m -> Checksums.usSsn(m.group()), true);
  }

  static Recognizer ipv4() {
    return of(PiiType.IP_ADDRESS, "(?<![\\d.])(?:\\d{1,3}\\.){3}\\d{1,3}(?![\\d.]|\\.\\d)", 0,
        m -> Checksums.ipv4(m.group()), true);
  }

  static Recognizer ipv6() {
    return of(PiiType.IP_ADDRESS, "(?<![\\w:])(?:[0-9A-Fa-f]{1,4}:{1,2}){1,7}[0-9A-Fa-f]{1,4}(?![\\w:])"
        + "|(?<![\\w:])::[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6}(?![\\w:])", 0,
        m -> Checksums.ipv6(m.group()), false, "::", ":0", ":1", ":2", ":3", ":4", ":5", ":6", ":7", ":8", ":9",
        ":a", ":b", ":c", ":d", ":e", ":f", ":A", ":B", ":C", ":D", ":E", ":F");
  }

  /** Provider secret keys by their published prefixes (OpenAI and Anthropic sk-, GitHub, Slack, Google). */
  static Recognizer apiKey() {
    return of(PiiType.API_KEY, "(?<![\\w-])(?:(?:sk|rk|pk)-[A-Za-z0-9_-]{20,}|gh[pousr]_[A-Za-z0-9]{30,}"
        + "|github_pat_[A-Za-z0-9_]{30,}|xox[abposr]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35})(?![\\w-])", 0,
        m -> true, false, "sk-", "rk-", "pk-", "gh", "xox", "AIza");
  }

  static Recognizer awsKey() {
    return of(PiiType.AWS_ACCESS_KEY, "(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])", 0,
        m -> true, false, "AKIA", "ASIA", "ABIA", "ACCA");
  }

  /** The token after {@code Bearer} (the word stays). */
  static Recognizer bearer() {
    return new Recognizer(PiiType.BEARER_TOKEN, Pattern.compile("(?i)\\bbearer\\s+([A-Za-z0-9._~+/-]{16,}=*)"), 1,
        (text, m) -> true, false, "earer", "EARER");
  }

  static Recognizer jwt() {
    return of(PiiType.BEARER_TOKEN, "\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}", 0,
        m -> true, false, "eyJ");
  }

  /** 9/24/1946, 24.09.1946, 24-09-1946: either day or month first, whichever is in range. */
  static Recognizer numericDate() {
    return of(PiiType.DATE, "(?<![\\d/.-])(\\d{1,2})([/.-])(\\d{1,2})\\2((?:19|20)\\d{2})(?![\\d/-]|\\.\\d)", 0,
        m -> {
          int a = Integer.parseInt(m.group(1));
          int b = Integer.parseInt(m.group(3));
          int year = Integer.parseInt(m.group(4));
          return Checksums.date(year, a, b) || Checksums.date(year, b, a);
        }, true);
  }

  /** 1980-07-28, optionally with a time of day. */
  static Recognizer isoDate() {
    return of(PiiType.DATE, "(?<![\\d-])((?:19|20)\\d{2})-(\\d{2})-(\\d{2})(?:[ T]\\d{2}:\\d{2}(?::\\d{2})?)?(?![\\d-])",
        0, m -> Checksums.date(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3))), true);
  }

  /** March 3, 1956 / 3 March 1956 / Mar 3rd 1956. */
  static Recognizer namedDate() {
    String month = "(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?";
    return of(PiiType.DATE, "\\b(?:(\\d{1,2})(?:st|nd|rd|th)?\\s+" + month + "|" + month.replace("(jan", "(?<m2>jan")
        + "\\s+(\\d{1,2})(?:st|nd|rd|th)?),?\\s+((?:19|20)\\d{2})\\b", Pattern.CASE_INSENSITIVE, m -> {
          String name = (m.group(2) != null ? m.group(2) : m.group("m2")).toLowerCase(Locale.ROOT);
          String day = m.group(1) != null ? m.group(1) : m.group(4);
          Integer number = MONTHS.get(name);
          return number != null && Checksums.date(Integer.parseInt(m.group(5)), number, Integer.parseInt(day));
        }, true);
  }

  /**
   * International and national phone formats: optional +country code, an optional (0) or (area) part, groups of
   * digits separated by spaces, dots or dashes, an optional extension. Seven to fifteen digits; a bare run of digits
   * counts only from ten digits on.
   */
  static Recognizer phone() {
    return new Recognizer(PiiType.PHONE, Pattern.compile("(?<![\\w+.-])(?:\\+\\d{1,3}[ .-]?)?(?:\\(0\\)[ .-]?)?"
        + "(?:\\(\\d{1,4}\\)[ .-]?)?\\d{1,5}(?:[ .-]?\\d{1,5}){0,5}(?:\\s?(?:x|ext\\.?)\\s?\\d{1,5})?"
        + "(?![\\w-]|[.,]\\d)"), 0, (text, m) -> phoneShape(text, m.start(), m.group()), true);
  }

  /**
   * Strong shapes (a +country code, an area code in parentheses, three or more groups, or ten digits or more) are
   * phone numbers on their own; weaker ones (two short groups, as in "780 6326", which a postcode and house number
   * also look like) only after a word such as "phone" or "call" shortly before.
   */
  private static boolean phoneShape(String text, int start, String candidate) {
    if (!Checksums.phoneDigits(candidate)) {
      return false;
    }
    boolean marked = candidate.startsWith("+") || candidate.indexOf('(') >= 0;
    int groups = 1;
    for (int i = 0; i < candidate.length(); i++) {
      char c = candidate.charAt(i);
      if (c == ' ' || c == '-' || c == '.') {
        groups++;
      }
    }
    int digits = Checksums.onlyDigits(candidate).length();
    if (marked || groups >= 3 || digits >= 10) {
      return true;
    }
    return groups == 2 && PHONE_CONTEXT.matcher(text.substring(Math.max(0, start - 40), start)).find();
  }

  private static final Pattern PHONE_CONTEXT = Pattern.compile("(?i)\\b(phone|mobile|cell|tel|telephone|call|fax|"
      + "number|contact|reach|dial|text|sms|whatsapp|registered|telefon|handy|nummer|no\\.|#)");

  /** 4111 1111 1111 1111 or 4111-1111-1111-1111 or no separators, not a mix. */
  private static boolean consistentSeparators(String s) {
    return !(s.indexOf(' ') >= 0 && s.indexOf('-') >= 0);
  }
}
