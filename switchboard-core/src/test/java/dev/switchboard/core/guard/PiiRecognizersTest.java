package dev.switchboard.core.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class PiiRecognizersTest {
  private static final PiiDetector ALL = PiiDetector.all();

  private static List<String> found(PiiType type, String text) {
    return ALL.detect(text).stream().filter(s -> s.type() == type).map(s -> text.substring(s.start(), s.end()))
        .toList();
  }

  @Test
  void email_plainAddress_foundWithExactSpan() {
    assertThat(found(PiiType.EMAIL, "Write to jane.doe+news@mail.example.co.uk, please."))
        .containsExactly("jane.doe+news@mail.example.co.uk");
  }

  @Test
  void email_withoutDomainSuffixOrWithDoubleDot_notFound() {
    assertThat(found(PiiType.EMAIL, "user@localhost and a..b@example.com")).isEmpty();
  }

  @Test
  void creditCard_luhnValidInCommonLayouts_found() {
    assertThat(found(PiiType.CREDIT_CARD, "card 4111 1111 1111 1111 or 4111-1111-1111-1111 or 378282246310005"))
        .containsExactly("4111 1111 1111 1111", "4111-1111-1111-1111", "378282246310005");
  }

  @Test
  void creditCard_luhnInvalidOrRepeatedDigits_notFound() {
    assertThat(found(PiiType.CREDIT_CARD, "card 4111 1111 1111 1112 and 0000 0000 0000 0000")).isEmpty();
    assertThat(Checksums.luhn("79927398713")).isTrue();
    assertThat(Checksums.luhn("79927398710")).isFalse();
  }

  @Test
  void iban_mod97Valid_foundCompactAndGrouped() {
    assertThat(found(PiiType.IBAN, "Pay GB82WEST12345698765432 or DE89 3704 0044 0532 0130 00 today"))
        .containsExactly("GB82WEST12345698765432", "DE89 3704 0044 0532 0130 00");
  }

  @Test
  void iban_wrongCheckDigits_notFound() {
    assertThat(found(PiiType.IBAN, "Pay GB83WEST12345698765432 now")).isEmpty();
    assertThat(Checksums.iban("GB82WEST12345698765433")).isFalse();
  }

  @Test
  void usSsn_validAreaGroupSerial_found() {
    assertThat(found(PiiType.US_SSN, "SSN 536-22-1234 on file")).containsExactly("536-22-1234");
  }

  @Test
  void usSsn_reservedAreasOrZeroGroups_notFound() {
    assertThat(found(PiiType.US_SSN, "000-12-3456 666-12-3456 912-12-3456 123-00-4567 123-45-0000")).isEmpty();
  }

  @Test
  void ipv4_validOctets_found_outOfRange_notFound() {
    assertThat(found(PiiType.IP_ADDRESS, "from 192.168.10.254 not 256.1.1.1 nor 1.2.3 or 01.2.3.4"))
        .containsExactly("192.168.10.254");
  }

  @Test
  void ipv6_fullAndCompressed_found_clockTimes_notFound() {
    assertThat(found(PiiType.IP_ADDRESS, "hosts 2001:db8:85a3:0:0:8a2e:370:7334 and fe80::1ff:fe23:4567:890a"))
        .containsExactly("2001:db8:85a3:0:0:8a2e:370:7334", "fe80::1ff:fe23:4567:890a");
    assertThat(found(PiiType.IP_ADDRESS, "meet at 10:30:00 or 12:15")).isEmpty();
    assertThat(Checksums.ipv6("1:2:3:4:5:6:7")).isFalse();
    assertThat(Checksums.ipv6("1::2::3")).isFalse();
  }

  @Test
  void url_trailingPunctuation_notPartOfSpan() {
    assertThat(found(PiiType.URL, "See https://example.com/a?b=1. Or www.example.org!"))
        .containsExactly("https://example.com/a?b=1", "www.example.org");
  }

  @Test
  void secrets_providerKeysAwsKeysBearerTokensAndJwts_found() {
    String text = "key sk-proj-abcdefghijklmnopqrstuvwx12 aws AKIAIOSFODNN7EXAMPLE header Authorization: Bearer "
        + "abcdefghijklmnop0123456789 and eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N";
    assertThat(found(PiiType.API_KEY, text)).containsExactly("sk-proj-abcdefghijklmnopqrstuvwx12");
    assertThat(found(PiiType.AWS_ACCESS_KEY, text)).containsExactly("AKIAIOSFODNN7EXAMPLE");
    assertThat(found(PiiType.BEARER_TOKEN, text)).containsExactly("abcdefghijklmnop0123456789",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N");
  }

  @Test
  void secrets_shortOrUnprefixed_notFound() {
    assertThat(found(PiiType.API_KEY, "the sk-short key and task-abcdefghijklmnopqrstuvwxyz")).isEmpty();
    assertThat(found(PiiType.AWS_ACCESS_KEY, "AKIA123")).isEmpty();
  }

  @Test
  void date_numericIsoAndNamed_found_impossibleDates_notFound() {
    assertThat(found(PiiType.DATE, "born 9/24/1946, on 1980-07-28 19:49:46 and March 3, 1956"))
        .containsExactly("9/24/1946", "1980-07-28 19:49:46", "March 3, 1956");
    assertThat(found(PiiType.DATE, "version 13/13/2020 and 2020-13-01 and Smarch 3, 1956")).isEmpty();
  }

  @Test
  void phone_internationalAndNationalFormats_found() {
    assertThat(found(PiiType.PHONE, "Call +41 (0)71 526 99 04 or (602)272-9781 or 780-999-2181 or "
        + "+1-604-696-5272x565 or 03.93.92.16.85"))
        .containsExactly("+41 (0)71 526 99 04", "(602)272-9781", "780-999-2181", "+1-604-696-5272x565",
            "03.93.92.16.85");
  }

  @Test
  void phone_weakShapeOnlyWithContext_andTooFewDigitsNever() {
    assertThat(found(PiiType.PHONE, "Phone: 780 6326")).containsExactly("780 6326");
    assertThat(found(PiiType.PHONE, "Musterweg 17151 2450 Town")).isEmpty();
    assertThat(found(PiiType.PHONE, "call 123 45")).isEmpty();
    assertThat(found(PiiType.PHONE, "It costs 1999 dollars in 2024")).isEmpty();
  }

  @Test
  void overlaps_higherPrecedenceWins_emailOverPhoneDigitsInside() {
    List<PiiSpan> spans = ALL.detect("mail 5551234567@example.com now");
    assertThat(spans).extracting(PiiSpan::type).containsExactly(PiiType.EMAIL);
  }

  @Test
  void detector_onlySelectedTypes() {
    PiiDetector emailOnly = new PiiDetector(EnumSet.of(PiiType.EMAIL));
    assertThat(emailOnly.detect("a@example.com 4111 1111 1111 1111")).extracting(PiiSpan::type)
        .containsExactly(PiiType.EMAIL);
    assertThat(new PiiDetector(EnumSet.noneOf(PiiType.class)).detect("a@example.com")).isEmpty();
  }
}
