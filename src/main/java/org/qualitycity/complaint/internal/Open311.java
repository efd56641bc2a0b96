package org.qualitycity.complaint.internal;

import org.qualitycity.platform.ListSql;
import org.qualitycity.platform.PersonalDataRedactor;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.PersonalData;
import org.qualitycity.platform.ValidationException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.transaction.annotation.Transactional;
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

    /** The service list in the request's language (names, descriptions, groups: complaint bundle). */
    public static List<Map<String, Object>> services() {
        return List.of(service("GOODS_COMPLAINT", "COMPLAINT"), service("SERVICES_COMPLAINT", "COMPLAINT"),
                service("QUALITY_REPORT", "REPORT"));
    }

    private static Map<String, Object> service(String code, String group) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service_code", code);
        m.put("service_name", Texts.msg("complaint.open311.service." + code));
        m.put("description", Texts.msg("complaint.open311.service." + code + ".description"));
        m.put("metadata", false);
        m.put("type", "realtime");
        m.put("keywords", Texts.msg("complaint.open311.keywords"));
        m.put("group", Texts.msg("complaint.open311.group." + group));
        return m;
    }

    /** Most requests one search answers (GeoReport's page_size is capped at this). */
    public static final int MAX_PAGE_SIZE = 100;
    /** The widest date window one search may ask for. */
    public static final int MAX_WINDOW_DAYS = 90;
    /** Most ids one search may name. */
    public static final int MAX_IDS = MAX_PAGE_SIZE;

    private final JdbcClient jdbc;
    private final ComplaintService service;
    private final PersonalData personalData;
    private final MessageSource messages;

    Open311(JdbcClient jdbc, ComplaintService service, PersonalData personalData, MessageSource messages) {
        this.jdbc = jdbc;
        this.service = service;
        this.personalData = personalData;
        this.messages = messages;
    }

    /** A submission and its location in one transaction: both are stored, or nothing is. */
    @Transactional
    public Dtos.Receipt submit(Dtos.Submission s, String ip, BigDecimal lat, BigDecimal lon, String phoneHash) {
        Dtos.Receipt r = service.submit(s, "OPEN311", ip, null, phoneHash);
        setLocation(r.trackingCode(), lat, lon);
        return r;
    }

    void setLocation(String code, BigDecimal lat, BigDecimal lon) {
        if (lat != null || lon != null) {
            jdbc.sql("UPDATE complaint_case SET lat = :lat, lon = :lon WHERE tracking_code = :c")
                    .param("lat", lat).param("lon", lon).param("c", code).update();
        }
    }

    /** One request by id (tracking code), de-identified. */
    public List<Map<String, Object>> byId(String id) {
        return search(id, null, null, null, null, 0, 1);
    }

    /**
     * Public search (texts such as {@code status_notes} in the language of the request, {@link LocaleContextHolder}):
     * a list of ids (at most {@link #MAX_IDS}) or a date window of at most
     * {@link #MAX_WINDOW_DAYS} days (default: the last 90 days), paged by {@code page} (1-based, as
     * GeoReport clients page) and {@code pageSize} (at most {@link #MAX_PAGE_SIZE}).
     */
    public List<Map<String, Object>> search(String ids, String serviceCode, String status, String start, String end,
                                            int page, int pageSize) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new ValidationException("page_size", Texts.msg("error.range", "1", String.valueOf(MAX_PAGE_SIZE)));
        }
        if (page < 0 || page > 10_000) {
            throw new ValidationException("page", Texts.msg("error.range", "1", "10000"));
        }
        ListSql list = ListSql.from("FROM complaint_case c");
        if (ids != null && !ids.isBlank()) {
            String[] requested = Arrays.stream(ids.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .toArray(String[]::new);
            if (requested.length > MAX_IDS) {
                throw new ValidationException("service_request_id", Texts.msg("complaint.error.at-most-ids", MAX_IDS));
            }
            list.where("c.tracking_code = ANY(:ids)").param("ids", requested);
        } else {
            LocalDate to = parse("end_date", end, service.todayPublic());
            LocalDate from = parse("start_date", start, to.minusDays(MAX_WINDOW_DAYS));
            if (from.isAfter(to)) {
                throw new ValidationException("start_date", Texts.msg("complaint.error.start-after-end"));
            }
            if (from.plusDays(MAX_WINDOW_DAYS).isBefore(to)) {
                throw new ValidationException("start_date", Texts.msg("complaint.error.window-days", MAX_WINDOW_DAYS));
            }
            list.where("c.received_on BETWEEN :from AND :to").param("from", Date.valueOf(from))
                    .param("to", Date.valueOf(to));
        }
        if (serviceCode != null && !serviceCode.isBlank()) {
            switch (serviceCode) {
                case "GOODS_COMPLAINT" -> list.where("c.type = 'COMPLAINT' AND c.category = 'GOODS'");
                case "SERVICES_COMPLAINT" -> list.where("c.type = 'COMPLAINT' AND c.category = 'SERVICES'");
                case "QUALITY_REPORT" -> list.where("c.type = 'REPORT'");
                default -> throw new ValidationException("service_code", Texts.msg("complaint.error.unknown-service-code"));
            }
        }
        if (status != null && !status.isBlank()) {
            switch (status) {
                case "open" -> list.where("c.status IN ('RECEIVED', 'ACCEPTED', 'HANDLED')");
                case "closed" -> list.where("c.status NOT IN ('RECEIVED', 'ACCEPTED', 'HANDLED')");
                default -> throw new ValidationException("status", Texts.msg("complaint.error.open-or-closed"));
            }
        }
        java.util.Locale locale = LocaleContextHolder.getLocale();
        return list.orderBy("c.received_at DESC, c.id DESC").rows(jdbc, """
                        SELECT c.tracking_code, c.type, c.category, c.status, c.subcategory, c.facts, c.person_name,
                               c.person_phone, c.person_id_number, c.person_address, c.received_at, c.updated_at,
                               c.accept_due, c.handle_due, c.respondent_address, d.name_zh AS district, u.name_zh AS unit,
                               c.lat, c.lon, c.reply
                        FROM complaint_case c JOIN platform_unit d ON d.id = c.district_unit_id
                        JOIN platform_unit u ON u.id = c.unit_id
                        """, (rs, n) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    String type = rs.getString("type");
                    String code = "REPORT".equals(type) ? "QUALITY_REPORT"
                            : "SERVICES".equals(rs.getString("category")) ? "SERVICES_COMPLAINT" : "GOODS_COMPLAINT";
                    String st = rs.getString("status");
                    boolean open = List.of("RECEIVED", "ACCEPTED", "HANDLED").contains(st);
                    List<String> own = new java.util.ArrayList<>();
                    for (String col : List.of("person_name", "person_phone", "person_id_number", "person_address")) {
                        String v = personalData.decrypt(rs.getString(col));
                        if (v != null) {
                            own.add(v);
                        }
                    }
                    String facts = rs.getString("facts");
                    facts = PersonalDataRedactor.redact(facts, own);
                    facts = facts.length() > 500 ? facts.substring(0, 500) : facts;
                    m.put("service_request_id", rs.getString("tracking_code"));
                    m.put("status", open ? "open" : "closed");
                    // GeoReport: "explanation of why status was changed to current state": the state in words
                    m.put("status_notes", messages.getMessage("complaint.status." + st, null, st, locale));
                    m.put("service_name", services().stream().filter(s -> s.get("service_code").equals(code)).findFirst()
                            .orElseThrow().get("service_name"));
                    m.put("service_code", code);
                    m.put("description", facts);
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
                }, pageSize, (long) Math.max(0, page - 1) * pageSize);
    }

    private static LocalDate parse(String field, String v, LocalDate dflt) {
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return LocalDate.parse(v.length() > 10 ? v.substring(0, 10) : v);
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, Texts.msg("complaint.error.iso-date"));
        }
    }
}
