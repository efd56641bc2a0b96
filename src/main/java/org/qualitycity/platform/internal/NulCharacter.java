package org.qualitycity.platform.internal;

import java.sql.SQLException;

/**
 * U+0000 cannot be stored by PostgreSQL ({@code text} and {@code jsonb} refuse it), so it is bad input
 * wherever it arrives: request parameters ({@link NulCharacterFilter}), form and path binding
 * ({@code NulCharacterBinding}), JSON strings ({@link NulCharacterJson}); the error handlers translate
 * the database's refusal as a backstop for anything that slips past these.
 */
public final class NulCharacter {

    public static final String MESSAGE = "must not contain the character U+0000";

    private NulCharacter() {
    }

    public static boolean in(String s) {
        return s != null && s.indexOf('\0') >= 0;
    }

    /**
     * Whether a failure is PostgreSQL refusing a character: 22021 (character_not_in_repertoire, U+0000 in
     * text) or 22P05 (untranslatable_character, U+0000 in jsonb).
     */
    public static boolean refusedByDatabase(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof SQLException s) {
                for (SQLException x = s; x != null; x = x.getNextException()) {
                    if ("22021".equals(x.getSQLState()) || "22P05".equals(x.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
