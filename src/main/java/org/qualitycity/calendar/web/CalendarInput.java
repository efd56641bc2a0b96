package org.qualitycity.calendar.web;

import org.qualitycity.calendar.CalendarDay;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Text;
import org.qualitycity.calendar.DayKind;
import org.qualitycity.calendar.internal.CalendarMessages;
import org.qualitycity.calendar.internal.CalendarService;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.ValidationException.FieldProblem;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** Parses request text into values, reporting each bad value against its field in the user's language. */
@Component
class CalendarInput {

    private final CalendarMessages messages;

    CalendarInput(CalendarMessages messages) {
        this.messages = messages;
    }

    LocalDate date(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new ValidationException(field, required());
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, invalidDate(text));
        }
    }

    int integer(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new ValidationException(field, required());
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new ValidationException(field, messages.get("calendar.error.not-integer",
                    "must be a whole number, not \"{0}\"", text));
        }
    }

    /** A day of a PUT body; problems are added to {@code problems} and null returned. */
    CalendarDay day(String at, String date, String kind, String nameZh, String nameEn, List<FieldProblem> problems) {
        LocalDate d = null;
        if (date == null || date.isBlank()) {
            problems.add(new FieldProblem(at + "date", required()));
        } else {
            try {
                d = LocalDate.parse(date.strip());
            } catch (DateTimeParseException e) {
                problems.add(new FieldProblem(at + "date", invalidDate(date)));
            }
        }
        DayKind k = kind(kind);
        if (k == null) {
            problems.add(new FieldProblem(at + "kind", messages.get("calendar.error.kind",
                    "must be HOLIDAY (day off) or WORKDAY (make-up working day)")));
        }
        if (nameZh == null || nameZh.isBlank()) {
            problems.add(new FieldProblem(at + "nameZh", required()));
        }
        if (d == null || k == null || nameZh == null || nameZh.isBlank()) {
            return null;
        }
        return CalendarService.withEnglishFallback(
                new CalendarDay(d, k, nameZh.strip(), nameEn == null ? "" : nameEn.strip()));
    }

    /**
     * HOLIDAY or WORKDAY, in any case, or the usual Chinese marks 休/假 and 班 (the words of
     * {@code calendar.input.holiday-words} and {@code calendar.input.workday-words}); null otherwise.
     */
    static DayKind kind(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip().toUpperCase(Locale.ROOT);
        if (t.equals("HOLIDAY") || words("calendar.input.holiday-words").contains(t)) {
            return DayKind.HOLIDAY;
        }
        if (t.equals("WORKDAY") || words("calendar.input.workday-words").contains(t)) {
            return DayKind.WORKDAY;
        }
        return null;
    }

    /** The comma-separated words of a message (the same in every language: they are what people type). */
    private static java.util.List<String> words(String key) {
        return java.util.List.of(Texts.render(Text.of(key), Texts.DEFAULT).split(","));
    }

    private String required() {
        return messages.get("calendar.error.required", "required");
    }

    private String invalidDate(String text) {
        return messages.get("calendar.error.date-invalid", "must be a date like 2025-10-01, not \"{0}\"", text);
    }
}
