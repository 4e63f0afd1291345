package dev.switchboard.core.limits;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/** The calendar window a budget covers, in UTC. A budget resets when its window's period changes. */
public enum BudgetWindow {
  DAILY, WEEKLY, MONTHLY, TOTAL;

  /** A stable name for the period containing {@code epochMillis}, e.g. "d2026-11-25", "w2026-48", "m2026-11". */
  public String periodId(long epochMillis) {
    LocalDate day = day(epochMillis);
    switch (this) {
      case DAILY:
        return "d" + day;
      case WEEKLY:
        return "w" + day.get(IsoFields.WEEK_BASED_YEAR) + "-" + day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
      case MONTHLY:
        return "m" + day.getYear() + "-" + (day.getMonthValue() < 10 ? "0" : "") + day.getMonthValue();
      default:
        return "total";
    }
  }

  /** When the period containing {@code epochMillis} ends, or {@link Long#MAX_VALUE} for {@link #TOTAL}. */
  public long periodEndMillis(long epochMillis) {
    LocalDate day = day(epochMillis);
    LocalDate next;
    switch (this) {
      case DAILY:
        next = day.plusDays(1);
        break;
      case WEEKLY:
        next = day.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        break;
      case MONTHLY:
        next = day.with(TemporalAdjusters.firstDayOfNextMonth());
        break;
      default:
        return Long.MAX_VALUE;
    }
    return next.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  /** Parses "daily", "weekly", "monthly" or "total" (case-insensitive). */
  public static BudgetWindow parse(String text) {
    if (text == null) {
      return TOTAL;
    }
    for (BudgetWindow window : values()) {
      if (window.name().equalsIgnoreCase(text.trim())) {
        return window;
      }
    }
    throw new IllegalArgumentException("unknown budget window '" + text + "' (daily, weekly, monthly, total)");
  }

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  private static LocalDate day(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC).toLocalDate();
  }
}
