package org.qualitycity.traceability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A GS1 Digital Link URI path for a trade item (GS1 Digital Link standard 1.2): the primary key GTIN (AI 01), always
 * written with 14 digits (GTIN-8/12/13 left-padded with zeros) and a valid check digit, followed by its key qualifiers
 * in the standard's order, consumer product variant (AI 22), batch/lot (AI 10), serial (AI 21). Values are
 * percent-encoded: everything outside RFC 3986's unreserved characters (so {@code B24/05} becomes {@code B24%2F05}).
 * Values must be of GS1's character set 82 and at most 20 characters.
 *
 * @param gtin   the GTIN-14
 * @param cpv    consumer product variant, or null
 * @param lot    batch/lot, or null
 * @param serial serial number, or null
 */
public record DigitalLink(String gtin, String cpv, String lot, String serial) {

    /** GS1 AI encodable character set 82 (GS1 General Specifications figure 7.11-1). */
    private static final Pattern CSET82 = Pattern.compile("[!\"%&'()*+,\\-./0-9:;<=>?A-Z_a-z]{1,20}");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    public DigitalLink {
        gtin = normalizeGtin(gtin);
        check("cpv", cpv);
        check("lot", lot);
        check("serial", serial);
    }

    public static DigitalLink ofLot(String gtin, String lot) {
        return new DigitalLink(gtin, null, lot, null);
    }

    /** The GTIN as 14 digits, from a GTIN-8, -12, -13 or -14 with a valid check digit; otherwise IllegalArgumentException. */
    public static String normalizeGtin(String gtin) {
        if (gtin == null || !DIGITS.matcher(gtin).matches()
                || !(gtin.length() == 8 || gtin.length() == 12 || gtin.length() == 13 || gtin.length() == 14)) {
            throw new IllegalArgumentException("gtin: 8, 12, 13 or 14 digits");
        }
        String g14 = "0".repeat(14 - gtin.length()) + gtin;
        if (checkDigit(g14.substring(0, 13)) != g14.charAt(13) - '0') {
            throw new IllegalArgumentException("gtin: wrong check digit");
        }
        return g14;
    }

    /** Whether the text is a GTIN-8/12/13/14 with a valid check digit. */
    public static boolean isValidGtin(String gtin) {
        try {
            normalizeGtin(gtin);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The GS1 mod-10 check digit of the digits given (weights 3, 1, 3, … from the right). */
    public static int checkDigit(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            sum += i % 2 == 0 ? 3 * d : d;
        }
        return (10 - sum % 10) % 10;
    }

    /** Whether a lot or serial value is acceptable in a Digital Link (character set 82, 1–20 characters). */
    public static boolean isValidValue(String value) {
        return value != null && CSET82.matcher(value).matches();
    }

    private static void check(String name, String value) {
        if (value != null && !isValidValue(value)) {
            throw new IllegalArgumentException(name + ": 1 to 20 characters of GS1's character set 82");
        }
    }

    /** The path, e.g. {@code /01/06901234567892/10/B24%2F05}. */
    public String path() {
        StringBuilder sb = new StringBuilder("/01/").append(gtin);
        if (cpv != null) {
            sb.append("/22/").append(encode(cpv));
        }
        if (lot != null) {
            sb.append("/10/").append(encode(lot));
        }
        if (serial != null) {
            sb.append("/21/").append(encode(serial));
        }
        return sb.toString();
    }

    /** The URI on the given base, e.g. {@code https://qc.example.org} + {@link #path()}. */
    public String uri(String base) {
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path();
    }

    /**
     * Parses a Digital Link path or URI (anything before {@code /01/} is the resolver's domain and ignored; a query
     * string is ignored). Qualifiers must come in the standard's order, each at most once.
     */
    public static Optional<DigitalLink> parse(String uriOrPath) {
        if (uriOrPath == null) {
            return Optional.empty();
        }
        String s = uriOrPath;
        int q = s.indexOf('?');
        if (q >= 0) {
            s = s.substring(0, q);
        }
        int at = s.indexOf("/01/");
        if (at < 0) {
            return Optional.empty();
        }
        String[] parts = s.substring(at + 1).split("/", -1);
        if (parts.length % 2 != 0) {
            return Optional.empty();
        }
        String gtin = parts[1];
        String cpv = null;
        String lot = null;
        String serial = null;
        int order = 0;
        for (int i = 2; i < parts.length; i += 2) {
            String value;
            try {
                value = decode(parts[i + 1]);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            switch (parts[i]) {
                case "22" -> {
                    if (order >= 1) {
                        return Optional.empty();
                    }
                    order = 1;
                    cpv = value;
                }
                case "10" -> {
                    if (order >= 2) {
                        return Optional.empty();
                    }
                    order = 2;
                    lot = value;
                }
                case "21" -> {
                    if (order >= 3) {
                        return Optional.empty();
                    }
                    order = 3;
                    serial = value;
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        try {
            return Optional.of(new DigitalLink(gtin, cpv, lot, serial));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Percent-encodes a value as a path segment: RFC 3986 unreserved characters stay, every other byte is %XX. */
    public static String encode(String value) {
        StringBuilder sb = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    /** Decodes %XX escapes (a '+' stays a '+': this is a path, not a form). */
    public static String decode(String segment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    throw new IllegalArgumentException("bad escape");
                }
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("bad escape");
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
