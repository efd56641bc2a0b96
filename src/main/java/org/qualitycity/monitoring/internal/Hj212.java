package org.qualitycity.monitoring.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HJ 212-2017 (data transmission standard for pollutant on-line monitoring systems): the frame is {@code ##},
 * the data segment's length in four decimal digits, the data segment, its CRC16 in four hexadecimal digits and
 * CRLF. The data segment is {@code QN=…;ST=…;CN=…;PW=…;MN=…;Flag=…;CP=&&…&&}; the command parameters (CP) are
 * groups separated by {@code ;} of fields separated by {@code ,}, e.g. {@code DataTime=20160801085857;
 * a34004-Rtd=35.2,a34004-Flag=N}.
 */
final class Hj212 {

    static final DateTimeFormatter DATA_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT);

    /** A parsed data segment: its header fields and the pollutants' fields by code. */
    record Message(Map<String, String> header, String dataTime, Map<String, Map<String, String>> pollutants) {

        String get(String key) {
            return header.get(key);
        }

        /** Whether the sender asks for an answer (bit A, the lowest, of Flag). */
        boolean wantsAnswer() {
            String f = header.get("Flag");
            if (f == null) {
                return false;
            }
            try {
                return (Integer.parseInt(f.trim()) & 1) == 1;
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }

    private Hj212() {
    }

    /**
     * The CRC16 of HJ 212-2017 (section 6.3.2 and its appendix): register 0xFFFF; for each byte the register is
     * shifted right by 8 and XORed with the byte; then 8 times: shift right, and XOR 0xA001 if the bit shifted out
     * was 1.
     */
    static int crc16(byte[] data) {
        int crc = 0xFFFF;
        for (byte b : data) {
            crc = (crc >> 8) ^ (b & 0xFF);
            for (int j = 0; j < 8; j++) {
                int check = crc & 1;
                crc >>= 1;
                if (check == 1) {
                    crc ^= 0xA001;
                }
            }
        }
        return crc & 0xFFFF;
    }

    /** A whole frame around a data segment. */
    static String frame(String segment) {
        byte[] bytes = segment.getBytes(StandardCharsets.UTF_8);
        return "##" + String.format(Locale.ROOT, "%04d", bytes.length) + segment
                + String.format(Locale.ROOT, "%04X", crc16(bytes)) + "\r\n";
    }

    /** Parses a data segment; {@link IllegalArgumentException} when it is not one. */
    static Message parse(String segment) {
        int cp = segment.indexOf("CP=&&");
        if (cp < 0) {
            throw new IllegalArgumentException("no CP");
        }
        int end = segment.lastIndexOf("&&");
        if (end < cp + 5) {
            throw new IllegalArgumentException("CP not closed");
        }
        Map<String, String> header = new LinkedHashMap<>();
        for (String field : segment.substring(0, cp).split(";")) {
            int eq = field.indexOf('=');
            if (eq > 0) {
                header.put(field.substring(0, eq).trim(), field.substring(eq + 1).trim());
            }
        }
        String dataTime = null;
        Map<String, Map<String, String>> pollutants = new LinkedHashMap<>();
        String body = segment.substring(cp + 5, end);
        for (String group : body.split(";")) {
            for (String field : group.split(",")) {
                int eq = field.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String key = field.substring(0, eq).trim();
                String value = field.substring(eq + 1).trim();
                if (key.equals("DataTime")) {
                    dataTime = value;
                    continue;
                }
                int dash = key.indexOf('-');
                if (dash > 0) {
                    pollutants.computeIfAbsent(key.substring(0, dash), k -> new LinkedHashMap<>())
                            .put(key.substring(dash + 1), value);
                }
            }
        }
        return new Message(header, dataTime, pollutants);
    }

    /** DataTime (local time of the station, yyyyMMddHHmmss) as an instant. */
    static Instant time(String dataTime, ZoneId zone) {
        return LocalDateTime.parse(dataTime, DATA_TIME).atZone(zone).toInstant();
    }

    /** One value of a data upload: metric, value, flag. */
    record Value(String metric, double value, String flag) {
    }

    /**
     * The values of a data upload. CN 2011 (real time) gives each pollutant's Rtd, CN 2051 (minute) its Avg, both
     * stored under the pollutant code; CN 2061 (hour) and 2031 (day) give their Avg under {@code code-hour} and
     * {@code code-day}, so that interval averages never mix with the measurements in the roll-ups. A missing flag
     * is N.
     */
    static List<Value> values(Message m) {
        String cn = m.get("CN");
        String field;
        String suffix;
        switch (cn == null ? "" : cn) {
            case "2011" -> {
                field = "Rtd";
                suffix = "";
            }
            case "2051" -> {
                field = "Avg";
                suffix = "";
            }
            case "2061" -> {
                field = "Avg";
                suffix = "-hour";
            }
            case "2031" -> {
                field = "Avg";
                suffix = "-day";
            }
            default -> {
                return List.of();
            }
        }
        List<Value> out = new ArrayList<>();
        m.pollutants().forEach((code, fields) -> {
            String v = fields.get(field);
            if (v == null || !code.matches("[A-Za-z0-9]{1,30}")) {
                return;
            }
            try {
                double d = Double.parseDouble(v);
                if (Double.isFinite(d)) {
                    String flag = fields.getOrDefault("Flag", "N");
                    out.add(new Value(code + suffix, d, flag.isBlank() || flag.length() > 4 ? "N" : flag));
                }
            } catch (NumberFormatException ignored) {
                // a value that is not a number is not stored
            }
        });
        return out;
    }

    /** The data response (CN 9014) to a data upload whose Flag asked for one. */
    static String dataResponse(Message m) {
        return frame("QN=" + m.get("QN") + ";ST=91;CN=9014;PW=" + m.get("PW") + ";MN=" + m.get("MN")
                + ";Flag=4;CP=&&&&");
    }
}
