package org.qualitycity.complaint.internal;

import org.qualitycity.platform.PersonalData;
import org.qualitycity.platform.ValidationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The GeoReport v2 shapes over the cases: de-identified (no submitter's name, phone, e-mail or address). */
@Service
public class Open311 {

    public static final List<Map<String, Object>> SERVICES = List.of(
            service("GOODS_COMPLAINT", "商品质量投诉", "Complaint about goods (consumer dispute with a request)", "投诉"),
            service("SERVICES_COMPLAINT", "服务质量投诉", "Complaint about a service (consumer dispute with a request)", "投诉"),
            service("QUALITY_REPORT", "质量违法举报", "Report of a quality violation (may be anonymous)", "举报"));

    private static Map<String, Object> service(String code, String name, String description, String group) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service_code", code);
        m.put("service_name", name);
        m.put("description", description);
        m.put("metadata", false);
        m.put("type", "realtime");
        m.put("keywords", "12315,质量");
        m.put("group", group);
        return m;
    }

    private final JdbcClient jdbc;
    private final PersonalData personalData;

    Open311(JdbcClient jdbc, PersonalData personalData) {
        this.jdbc = jdbc;
        this.personalData = personalData;
    }

    public void setLocation(String code, BigDecimal lat, BigDecimal lon) {
        if (lat != null || lon != null) {
            jdbc.sql("UPDATE complaint_case SET lat = :lat, lon = :lon WHERE tracking_code = :c")
                    .param("lat", lat).param("lon", lon).param("c", code).update();
        }
    }

    public List<Map<String, Object>> search(String ids, String serviceCode, String status, String start, String end) {
        StringBuilder where = new StringBuilder(" WHERE TRUE");
        Map<String, Object> p = new HashMap<>();
        if (ids != null && !ids.isBlank()) {
            String[] list = Arrays.stream(ids.split(",")).map(String::trim).filter(s -> !s.isEmpty()).limit(200)
                    .toArray(String[]::new);
            where.append(" AND c.tracking_code = ANY(:ids)");
            p.put("ids", list);
        } else {
            LocalDate to = parse("end_date", end, LocalDate.now(ComplaintService.BEIJING));
            LocalDate from = parse("start_date", start, to.minusDays(90));
            where.append(" AND c.received_on BETWEEN :from AND :to");
            p.put("from", Date.valueOf(from));
            p.put("to", Date.valueOf(to));
        }
        if (serviceCode != null && !serviceCode.isBlank()) {
            switch (serviceCode) {
                case "GOODS_COMPLAINT" -> where.append(" AND c.type = 'COMPLAINT' AND c.category = 'GOODS'");
                case "SERVICES_COMPLAINT" -> where.append(" AND c.type = 'COMPLAINT' AND c.category = 'SERVICES'");
                case "QUALITY_REPORT" -> where.append(" AND c.type = 'REPORT'");
                default -> throw new ValidationException("service_code", "unknown service_code");
            }
        }
        if (status != null && !status.isBlank()) {
            switch (status) {
                case "open" -> where.append(" AND c.status IN ('RECEIVED', 'ACCEPTED', 'HANDLED')");
                case "closed" -> where.append(" AND c.status NOT IN ('RECEIVED', 'ACCEPTED', 'HANDLED')");
                default -> throw new ValidationException("status", "open or closed");
            }
        }
        return jdbc.sql("""
                        SELECT c.tracking_code, c.type, c.category, c.status, c.subcategory, c.facts, c.person_name,
                               c.person_phone, c.person_id_number, c.person_address, c.received_at, c.updated_at,
                               c.accept_due, c.handle_due, c.respondent_address, d.name_zh AS district, u.name_zh AS unit,
                               c.lat, c.lon, c.reply
                        FROM complaint_case c JOIN platform_unit d ON d.id = c.district_unit_id
                        JOIN platform_unit u ON u.id = c.unit_id
                        """ + where + " ORDER BY c.received_at DESC, c.id DESC LIMIT 1000")
                .params(p).query((rs, n) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    String type = rs.getString("type");
                    String code = "REPORT".equals(type) ? "QUALITY_REPORT"
                            : "SERVICES".equals(rs.getString("category")) ? "SERVICES_COMPLAINT" : "GOODS_COMPLAINT";
                    String st = rs.getString("status");
                    boolean open = List.of("RECEIVED", "ACCEPTED", "HANDLED").contains(st);
                    String facts = rs.getString("facts");
                    for (String col : List.of("person_name", "person_phone", "person_id_number", "person_address")) {
                        String v = personalData.decrypt(rs.getString(col));
                        if (v != null && v.length() >= 2) {
                            facts = facts.replace(v, "***");
                        }
                    }
                    m.put("service_request_id", rs.getString("tracking_code"));
                    m.put("status", open ? "open" : "closed");
                    m.put("status_notes", st);
                    m.put("service_name", SERVICES.stream().filter(s -> s.get("service_code").equals(code)).findFirst()
                            .orElseThrow().get("service_name"));
                    m.put("service_code", code);
                    m.put("description", facts.length() > 500 ? facts.substring(0, 500) : facts);
                    m.put("agency_responsible", rs.getString("unit"));
                    m.put("service_notice", null);
                    m.put("requested_datetime", rs.getTimestamp("received_at").toInstant().toString());
                    m.put("updated_datetime", rs.getTimestamp("updated_at").toInstant().toString());
                    Date due = "RECEIVED".equals(st) ? rs.getDate("accept_due") : rs.getDate("handle_due");
                    m.put("expected_datetime", due == null ? null : due.toLocalDate().toString());
                    m.put("address", "REPORT".equals(type) ? rs.getString("district") : rs.getString("respondent_address"));
                    m.put("address_id", null);
                    m.put("zipcode", null);
                    m.put("lat", rs.getBigDecimal("lat"));
                    m.put("long", rs.getBigDecimal("lon"));
                    m.put("media_url", null);
                    return m;
                }).list();
    }

    private static LocalDate parse(String field, String v, LocalDate dflt) {
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return LocalDate.parse(v.length() > 10 ? v.substring(0, 10) : v);
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, "use ISO 8601 (yyyy-MM-dd)");
        }
    }
}
