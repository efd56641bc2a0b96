package org.qualitycity.enterprise;

import org.qualitycity.platform.Text;

/**
 * The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters from the
 * 31-character set {@code 0-9 A-H J-N P-R T-U W-Y} (no I, O, S, V, Z); the last one is a check
 * character over the first 17 with weights 3^i mod 31.
 */
public final class CreditCode {

    static final String CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private CreditCode() {
    }

    /** The check character for the first 17 characters; IllegalArgumentException if one is not allowed. */
    public static char checkCharacter(String first17) {
        if (first17 == null || first17.length() != 17) {
            throw new IllegalArgumentException("17 characters expected");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int v = CHARS.indexOf(first17.charAt(i));
            if (v < 0) {
                throw new IllegalArgumentException("character not allowed: " + first17.charAt(i));
            }
            sum += v * WEIGHTS[i];
        }
        int c = 31 - sum % 31;
        return CHARS.charAt(c == 31 ? 0 : c);
    }

    /**
     * Why {@code code} is not a valid credit code (a sentence for people, as a message key with arguments),
     * or null when it is valid.
     */
    public static Text problem(String code) {
        if (code == null || code.isBlank()) {
            return Text.of("enterprise.credit-code.required");
        }
        if (code.length() != 18) {
            return Text.of("enterprise.credit-code.length", code.length());
        }
        for (int i = 0; i < 18; i++) {
            if (CHARS.indexOf(code.charAt(i)) < 0) {
                return Text.of("enterprise.credit-code.character", i + 1, String.valueOf(code.charAt(i)));
            }
        }
        char expected = checkCharacter(code.substring(0, 17));
        if (code.charAt(17) != expected) {
            return Text.of("enterprise.credit-code.check", String.valueOf(expected), String.valueOf(code.charAt(17)));
        }
        return null;
    }

    public static boolean isValid(String code) {
        return problem(code) == null;
    }

    /** The code with its check character appended (for generated demo codes). */
    public static String complete(String first17) {
        return first17 + checkCharacter(first17);
    }
}
