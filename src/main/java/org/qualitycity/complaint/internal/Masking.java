package org.qualitycity.complaint.internal;

/** Masks personal data for lists, exports and staff who do not handle the case (张** / 138****1234). */
public final class Masking {

    private Masking() {
    }

    public static String name(String s) {
        if (s == null || s.isEmpty()) {
            return s;
        }
        return s.substring(0, 1) + "*".repeat(Math.max(2, s.length() - 1));
    }

    public static String phone(String s) {
        if (s == null || s.length() < 7) {
            return s == null ? null : "****";
        }
        return s.substring(0, 3) + "****" + s.substring(s.length() - 4);
    }

    public static String idNumber(String s) {
        if (s == null || s.length() < 10) {
            return s == null ? null : "****";
        }
        return s.substring(0, 6) + "********" + s.substring(s.length() - 4);
    }

    public static String address(String s) {
        if (s == null || s.isEmpty()) {
            return s;
        }
        return s.substring(0, Math.min(6, s.length())) + "****";
    }
}
