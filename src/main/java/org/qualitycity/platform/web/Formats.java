package org.qualitycity.platform.web;

import org.qualitycity.platform.ApplicationZone;
import org.qualitycity.platform.Text;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;

import org.springframework.context.MessageSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one way pages format dates, numbers and years and name units (templates: {@code ${#qc.date(d)}},
 * {@code ${#qc.num(v)}}, {@code ${#qc.year(y)}}, {@code ${#qc.unit(code)}}, {@code ${#qc.name(zh, en)}}), the same
 * in either language: dates as 2020-12-15, years and values without grouping (2018, never with a thousands
 * separator), decimals without trailing zeros (3, not 3.000000), names in the page's language. One instance per
 * rendered page ({@link FormatsDialect}), so a unit named twice is read once.
 */
public final class Formats {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Locale locale;
    private final Units units;
    private final MessageSource messages;
    private final Map<String, String> unitNames = new HashMap<>();

    Formats(Locale locale, Units units, MessageSource messages) {
        this.locale = locale == null ? Locale.SIMPLIFIED_CHINESE : locale;
        this.units = units;
        this.messages = messages;
    }

    /** Whether the page is in English. */
    public boolean en() {
        return "en".equals(locale.getLanguage());
    }

    /** A day as 2020-12-15 (an instant in the platform's zone); null for null. */
    public String date(Object value) {
        TemporalAccessor t = temporal(value);
        return t == null ? null : DATE.format(t);
    }

    /** A moment as 2020-12-15 08:30 in the platform's zone (a date alone as the date); null for null. */
    public String dateTime(Object value) {
        TemporalAccessor t = temporal(value);
        if (t == null) {
            return null;
        }
        return t instanceof LocalDate d ? DATE.format(d) : DATE_TIME.format(t);
    }

    private static TemporalAccessor temporal(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i.atZone(ApplicationZone.ZONE).toLocalDateTime();
        }
        if (value instanceof OffsetDateTime o) {
            return o.atZoneSameInstant(ApplicationZone.ZONE).toLocalDateTime();
        }
        if (value instanceof ZonedDateTime z) {
            return z.withZoneSameInstant(ApplicationZone.ZONE).toLocalDateTime();
        }
        if (value instanceof java.util.Date d) {
            return d.toInstant().atZone(ApplicationZone.ZONE).toLocalDateTime();
        }
        if (value instanceof LocalDate || value instanceof LocalDateTime) {
            return (TemporalAccessor) value;
        }
        throw new IllegalArgumentException("not a date: " + value.getClass().getName());
    }

    /**
     * A number as written by people: no grouping, no trailing zeros (3.000000 → 3, 2.50 → 2.5, 1E+3 → 1000); a
     * string that holds a number is treated alike, any other string is returned as it is; null for null.
     */
    public String num(Object value) {
        if (value == null) {
            return null;
        }
        BigDecimal d;
        if (value instanceof BigDecimal b) {
            d = b;
        } else if (value instanceof Double || value instanceof Float) {
            double x = ((Number) value).doubleValue();
            if (Double.isNaN(x) || Double.isInfinite(x)) {
                return String.valueOf(x);
            }
            d = BigDecimal.valueOf(x);
        } else if (value instanceof Number n) {
            d = new BigDecimal(n.toString());
        } else {
            try {
                d = new BigDecimal(value.toString().trim());
            } catch (NumberFormatException e) {
                return value.toString();
            }
        }
        if (d.signum() == 0) {
            return "0";
        }
        return d.stripTrailingZeros().toPlainString();
    }

    /** A year as a year: 2018, never 2,018; null for null. */
    public String year(Object value) {
        return value == null ? null : value.toString();
    }

    /** The unit's name in the page's language; the code itself for a code that names no unit; null for null. */
    public String unit(String code) {
        if (code == null) {
            return null;
        }
        return unitNames.computeIfAbsent(code, c -> units.byCode(c).map(u -> u.name(locale))
                .filter(n -> n != null && !n.isBlank()).or(() -> units.byCode(c).map(Unit::nameZh)).orElse(c));
    }

    /** Of a name kept in both languages, the page's one (the other when it is missing). */
    public String name(String zh, String en) {
        return new Text.Names(zh, en).in(locale);
    }

    /**
     * A code by its label: the message {@code prefix + code} in the page's language ({@code audit.action.},
     * {@code module.}); for a code without one, the code in words ("DEADLINE_RECALCULATED" → "deadline
     * recalculated") rather than the raw constant; null for null.
     */
    public String label(String prefix, String code) {
        if (code == null) {
            return null;
        }
        String text = messages == null ? null : messages.getMessage(prefix + code, null, null, locale);
        return text != null ? text : code.replace('_', ' ').replace(':', ' ').toLowerCase(Locale.ROOT);
    }
}
