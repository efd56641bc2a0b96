package org.qualitycity.elevator.internal;

import org.qualitycity.platform.Texts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The status and fault codes of GB/T 24476-2017 (faults, events, alarms) as data ({@code elevator_fault_code}, with
 * the names in both languages): labels an incoming {@code fault_code} for the elevator page and the rescue order. A
 * code that the table lacks is shown as unknown with the code itself, never dropped.
 */
@Component
public class FaultCodes {

    /** One code's label: the kind (FAULT, EVENT, ALARM; null when unknown) and the name in the reader's language. */
    public record FaultLabel(String code, String kind, String name, boolean known) {
    }

    private record Entry(String kind, String zh, String en) {
    }

    private final JdbcClient jdbc;
    private volatile Map<Integer, Entry> table;

    FaultCodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private Map<Integer, Entry> table() {
        Map<Integer, Entry> t = table;
        if (t == null) {
            Map<Integer, Entry> m = new ConcurrentHashMap<>();
            jdbc.sql("SELECT code, kind, name_zh, name_en FROM elevator_fault_code").query(rs -> {
                m.put(rs.getInt(1), new Entry(rs.getString(2), rs.getString(3), rs.getString(4)));
            });
            table = t = Map.copyOf(m);
        }
        return t;
    }

    /** The label of a reported code in the current request's language; null for no code (no fault). */
    public FaultLabel label(String code) {
        return label(code, Texts.locale());
    }

    /** The label of a reported code in a language; null for no code (no fault). */
    public FaultLabel label(String code, Locale locale) {
        if (code == null || code.isBlank()) {
            return null;
        }
        String c = code.strip();
        Entry e = null;
        try {
            e = table().get(Integer.parseInt(c));
        } catch (NumberFormatException ignored) {
            // not a number: unknown
        }
        if (e == null) {
            return new FaultLabel(c, null, Texts.render(org.qualitycity.platform.Text.of("elevator.fault.unknown", c), locale), false);
        }
        return new FaultLabel(c, e.kind(), "en".equals(locale.getLanguage()) ? e.en() : e.zh(), true);
    }
}
