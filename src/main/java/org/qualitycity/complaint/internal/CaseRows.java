package org.qualitycity.complaint.internal;


import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;


/** Row helpers shared by the complaint classes (moved unchanged from ComplaintService). */
final class CaseRows {

    private CaseRows() {
    }

    static Map<String, Object> rowMap(ResultSet rs) throws SQLException {
        Map<String, Object> m = new HashMap<>();
        var md = rs.getMetaData();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            m.put(md.getColumnLabel(i), rs.getObject(i));
        }
        return m;
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String trim(String s) {
        return blank(s) ? null : s.trim();
    }

    static String normalise(String s) {
        return s == null ? "" : s.replaceAll("[\\s\\uFF0C\\u3002,.!\\uFF01\\uFF1F?\\uFF1B;\\uFF1A:\\u3001\"\\u201C\\u201D'\\u2018\\u2019]", "").toLowerCase();
    }

    static LocalDate d(Map<String, Object> r, String col) {
        Object o = r.get(col);
        return o == null ? null : ((Date) o).toLocalDate();
    }

    static LocalDate date(ResultSet rs, int i) throws SQLException {
        Date d = rs.getDate(i);
        return d == null ? null : d.toLocalDate();
    }
}
