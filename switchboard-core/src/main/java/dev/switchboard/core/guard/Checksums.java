package dev.switchboard.core.guard;

/** The checks that tell a real identifier from a string of the right shape. Pure functions. */
final class Checksums {
  private Checksums() {}

  /** The Luhn (mod 10) check of payment card numbers; separators are ignored. */
  static boolean luhn(CharSequence number) {
    int sum = 0;
    int digits = 0;
    boolean twice = false;
    for (int i = number.length() - 1; i >= 0; i--) {
      char c = number.charAt(i);
      if (c == ' ' || c == '-') {
        continue;
      }
      if (c < '0' || c > '9') {
        return false;
      }
      int d = c - '0';
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
      digits++;
    }
    return digits > 0 && sum % 10 == 0;
  }

  /** A payment card number: 12 to 19 digits, not all the same, passing Luhn. */
  static boolean creditCard(String candidate) {
    String digits = onlyDigits(candidate);
    if (digits.length() < 12 || digits.length() > 19) {
      return false;
    }
    boolean allSame = digits.chars().allMatch(c -> c == digits.charAt(0));
    return !allSame && luhn(digits);
  }

  /** ISO 13616 IBAN: country letters, two check digits, then the account; remainder 1 modulo 97. */
  static boolean iban(String candidate) {
    String iban = candidate.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
    if (iban.length() < 15 || iban.length() > 34 || !Character.isLetter(iban.charAt(0))
        || !Character.isLetter(iban.charAt(1)) || !Character.isDigit(iban.charAt(2))
        || !Character.isDigit(iban.charAt(3))) {
      return false;
    }
    String rearranged = iban.substring(4) + iban.substring(0, 4);
    int remainder = 0;
    for (int i = 0; i < rearranged.length(); i++) {
      char c = rearranged.charAt(i);
      int value;
      if (c >= '0' && c <= '9') {
        value = c - '0';
        remainder = (remainder * 10 + value) % 97;
      } else if (c >= 'A' && c <= 'Z') {
        value = c - 'A' + 10;
        remainder = (remainder * 100 + value) % 97;
      } else {
        return false;
      }
    }
    return remainder == 1;
  }

  /** A US social security number: area not 000, 666 or 9xx; group not 00; serial not 0000. */
  static boolean usSsn(String candidate) {
    String digits = onlyDigits(candidate);
    if (digits.length() != 9) {
      return false;
    }
    int area = Integer.parseInt(digits.substring(0, 3));
    int group = Integer.parseInt(digits.substring(3, 5));
    int serial = Integer.parseInt(digits.substring(5));
    return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
  }

  /** Four decimal octets of at most 255, without leading zeros. */
  static boolean ipv4(String candidate) {
    String[] parts = candidate.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
        return false;
      }
      if (Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }

  /** Eight groups of one to four hex digits, or fewer with exactly one {@code ::}. */
  static boolean ipv6(String candidate) {
    int gap = candidate.indexOf("::");
    if (gap >= 0 && candidate.indexOf("::", gap + 1) >= 0) {
      return false;
    }
    String[] sides = gap >= 0 ? new String[] {candidate.substring(0, gap), candidate.substring(gap + 2)}
        : new String[] {candidate};
    int groups = 0;
    for (String side : sides) {
      if (side.isEmpty()) {
        continue;
      }
      for (String group : side.split(":", -1)) {
        if (group.isEmpty() || group.length() > 4 || !isHex(group)) {
          return false;
        }
        groups++;
      }
    }
    return gap >= 0 ? groups >= 2 && groups <= 7 : groups == 8;
  }

  /** A calendar date whose month and day are in range (day not checked against the month's length beyond 31). */
  static boolean date(int year, int month, int day) {
    return year >= 1900 && year <= 2099 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
  }

  /** A phone number has 7 to 15 digits (ITU E.164), not counting an extension. */
  static boolean phoneDigits(String candidate) {
    String main = candidate;
    int ext = indexOfExtension(candidate);
    if (ext >= 0) {
      main = candidate.substring(0, ext);
    }
    int digits = onlyDigits(main).length();
    return digits >= 7 && digits <= 15;
  }

  private static int indexOfExtension(String candidate) {
    for (int i = 0; i < candidate.length(); i++) {
      char c = candidate.charAt(i);
      if (c == 'x' || c == 'X' || c == 'e') {
        return i;
      }
    }
    return -1;
  }

  static String onlyDigits(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
