package org.qualitycity.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * One exception to the Monday-to-Friday rule: an official day off, or a make-up working day on a weekend.
 *
 * @param date   the day
 * @param kind   {@link DayKind#HOLIDAY} or {@link DayKind#WORKDAY}
 * @param nameZh the festival in Chinese, e.g. the Spring Festival or its make-up working day
 * @param nameEn the festival in English
 */
public record CalendarDay(LocalDate date, DayKind kind, String nameZh, String nameEn) {

    public CalendarDay {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(nameZh, "nameZh");
        Objects.requireNonNull(nameEn, "nameEn");
    }

    /** The name in the given locale's language: English for "en", Chinese otherwise. */
    public String name(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? nameEn : nameZh;
    }

    /** Whether the day falls on a Saturday or Sunday. */
    public boolean onWeekend() {
        return isWeekend(date);
    }

    static boolean isWeekend(LocalDate date) {
        DayOfWeek dow = date.getDayOfWeek();
        return dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
    }
}
