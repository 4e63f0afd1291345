package dev.switchboard.core.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class BudgetWindowTest {
  private static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void periods_acrossBoundaries_changeAtUtcMidnightMondayAndMonthStart() {
    long sunday = at("2026-11-29T23:59:59Z");
    long monday = at("2026-11-30T00:00:00Z");
    assertThat(BudgetWindow.DAILY.periodId(sunday)).isEqualTo("d2026-11-29");
    assertThat(BudgetWindow.DAILY.periodId(monday)).isEqualTo("d2026-11-30");
    assertThat(BudgetWindow.WEEKLY.periodId(sunday)).isNotEqualTo(BudgetWindow.WEEKLY.periodId(monday));
    assertThat(BudgetWindow.MONTHLY.periodId(monday)).isEqualTo("m2026-11");
    assertThat(BudgetWindow.MONTHLY.periodId(at("2026-12-01T00:00:00Z"))).isEqualTo("m2026-12");
    assertThat(BudgetWindow.TOTAL.periodId(sunday)).isEqualTo(BudgetWindow.TOTAL.periodId(monday));
  }

  @Test
  void periodEnd_isTheNextBoundary() {
    long now = at("2026-11-25T10:00:00Z");
    assertThat(BudgetWindow.DAILY.periodEndMillis(now)).isEqualTo(at("2026-11-26T00:00:00Z"));
    assertThat(BudgetWindow.WEEKLY.periodEndMillis(now)).isEqualTo(at("2026-11-30T00:00:00Z"));
    assertThat(BudgetWindow.MONTHLY.periodEndMillis(now)).isEqualTo(at("2026-12-01T00:00:00Z"));
    assertThat(BudgetWindow.TOTAL.periodEndMillis(now)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void parse_unknownWindow_namesTheChoices() {
    assertThat(BudgetWindow.parse("Monthly")).isEqualTo(BudgetWindow.MONTHLY);
    assertThatThrownBy(() -> BudgetWindow.parse("yearly")).hasMessageContaining("daily, weekly, monthly, total");
  }
}
