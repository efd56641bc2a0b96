package org.qualitycity.traceability.internal;

import org.qualitycity.enterprise.EnterpriseRef;
import org.qualitycity.enterprise.EnterpriseScope;
import org.qualitycity.enterprise.Enterprises;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.ValidationException.FieldProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * EPCIS 2.0 capture and query over PostgreSQL. A document is checked whole before anything is stored (all or
 * nothing); every problem is listed with its JSON path. A re-sent event is recognised by its CBV 2.0 event hash
 * ({@link EventHash}) and skipped.
 */
@Service
public class EpcisService {

    public static final int MAX_EVENTS = 10_000;
    /** From this many events a document's hashes are computed in parallel. */
    private static final int PARALLEL_HASHING = 64;
    private static final Pattern OFFSET = Pattern.compile("[+-]\\d{2}:\\d{2}");

    /** The answer to a capture: its id, the events stored and the re-sent ones skipped. */
    public record CaptureResult(String captureId, int captured, int duplicates) {
    }

    /** Who captures: the owning enterprise (null for staff) and the unit the events are filed under. */
    record Owner(Long enterpriseId, long unitId) {
    }

    /** A stored event with the identifiers it names, for listeners inside the module. */
    record Stored(long id, String type, String action, String bizStep, String disposition, String bizLocation,
                  List<String> destinations, Map<String, String> epcs) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Enterprises enterprises;
    private final AuditLog audit;
    private final Clock clock;
    private final List<EventListener> listeners;

    /** What the module does after an event is stored (links, origin release). */
    interface EventListener {
        void stored(List<Stored> events, Owner owner);
    }

    EpcisService(JdbcClient jdbc, ObjectMapper json, Enterprises enterprises, AuditLog audit, Clock clock,
                 List<EventListener> listeners) {
        this.jdbc = jdbc;
        this.json = json;
        this.enterprises = enterprises;
        this.audit = audit;
        this.clock = clock;
        this.listeners = listeners;
    }

    Owner ownerOf(CurrentUser user) {
        EnterpriseScope scope = enterprises.scope(user);
        if (scope.enterpriseId() != null) {
            EnterpriseRef e = enterprises.byId(scope.enterpriseId())
                    .orElseThrow(() -> new ValidationException("enterprise", Texts.msg("traceability.error.no-enterprise")));
            return new Owner(e.id(), e.unitId());
        }
        return new Owner(null, user.unitId());
    }

    // ------------------------------------------------------------------ capture

    /** Captures an EPCISDocument (JSON-LD text). */
    @Transactional
    public CaptureResult capture(String body, CurrentUser user) {
        JsonNode doc = parse(body);
        List<FieldProblem> errors = new ArrayList<>();
        if (!"EPCISDocument".equals(text(doc, "type"))) {
            errors.add(new FieldProblem("type", Texts.msg("traceability.epcis.error.document-type")));
        }
        if (!doc.has("@context")) {
            errors.add(new FieldProblem("@context", Texts.msg("traceability.epcis.error.required")));
        }
        if (text(doc, "schemaVersion") == null) {
            errors.add(new FieldProblem("schemaVersion", Texts.msg("traceability.epcis.error.required")));
        }
        if (text(doc, "creationDate") == null || time(text(doc, "creationDate")) == null) {
            errors.add(new FieldProblem("creationDate", Texts.msg("traceability.epcis.error.time")));
        }
        JsonNode list = doc.path("epcisBody").path("eventList");
        if (!list.isArray() || list.isEmpty()) {
            errors.add(new FieldProblem("epcisBody.eventList", Texts.msg("traceability.epcis.error.events")));
        } else if (list.size() > MAX_EVENTS) {
            errors.add(new FieldProblem("epcisBody.eventList", Texts.msg("traceability.epcis.error.too-many", MAX_EVENTS)));
        } else {
            for (int i = 0; i < list.size(); i++) {
                validate(list.get(i), "epcisBody.eventList[" + i + "]", errors);
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors.size() > 200 ? errors.subList(0, 200) : errors);
        }
        List<JsonNode> events = new ArrayList<>();
        list.forEach(events::add);
        return store(events, doc.get("@context"), ownerOf(user), user, false);
    }

    /** Captures one event (the body is the event itself). */
    @Transactional
    public CaptureResult captureEvent(String body, CurrentUser user) {
        JsonNode event = parse(body);
        List<FieldProblem> errors = new ArrayList<>();
        validate(event, "", errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return store(List.of(event), event.get("@context"), ownerOf(user), user, false);
    }

    /**
     * Stores events already checked (also the module's own events: inspections, recalls, demo data), set-based: one
     * multi-row INSERT of the events ({@code jsonb_to_recordset} of one JSON parameter, {@code ON CONFLICT (hash) DO
     * NOTHING}), one of their identifiers, then the listeners once for all stored events. {@code context} is the
     * document's {@code @context} (its prefixes take part in the event hash; an array is kept with each event).
     */
    CaptureResult store(List<JsonNode> events, JsonNode context, Owner owner, CurrentUser user, boolean demo) {
        UUID captureId = UUID.randomUUID();
        Instant now = clock.instant();
        JsonNode embed = context != null && context.isArray() ? context : null;
        List<ObjectNode> rows = new ArrayList<>();
        String recordTime = now.toString();
        Map<String, ObjectNode> byHash = new LinkedHashMap<>();
        int duplicates = 0;
        // the hashes first, on every core for a large document (a pure function of each event's tree, read only here;
        // the request thread alone would leave the other core idle while PostgreSQL waits for the rows)
        List<byte[]> digests = (events.size() >= PARALLEL_HASHING ? events.parallelStream() : events.stream())
                .map(e -> EventHash.digest(e, context)).toList();
        for (int k = 0; k < events.size(); k++) {
            ObjectNode event = (ObjectNode) events.get(k); // the caller's own tree (a parsed document or a built event)
            byte[] digest = digests.get(k);
            String hash = java.util.HexFormat.of().formatHex(digest);
            if (byHash.containsKey(hash)) {
                duplicates++; // the same event twice in one document
                continue;
            }
            if (embed != null && !event.has("@context")) {
                event.set("@context", embed);
            }
            if (text(event, "eventID") == null) {
                event.put("eventID", EventHash.id(digest));
            }
            event.put("recordTime", recordTime);
            byHash.put(hash, event);
            ObjectNode r = json.createObjectNode();
            rows.add(r);
            r.put("n", rows.size());
            r.put("hash", hash);
            r.put("eid", text(event, "eventID"));
            r.put("type", text(event, "type"));
            r.put("action", text(event, "action"));
            Instant t = time(text(event, "eventTime"));
            r.put("s", t.getEpochSecond()); // exact, without formatting an instant per event
            r.put("us", (t.getNano() + 500) / 1000);
            r.put("step", Epcis.bizStep(text(event, "bizStep")));
            r.put("disp", Epcis.disposition(text(event, "disposition")));
            r.put("loc", Epcis.identifier(event.path("bizLocation").path("id").asString(null)));
            r.put("rp", event.path("readPoint").path("id").asString(null));
            r.set("body", event);
        }
        Map<String, Long> ids = new LinkedHashMap<>();
        if (!rows.isEmpty()) {
            jdbc.sql("""
                            INSERT INTO traceability_event (hash, event_id, capture_id, type, action, event_time, record_time,
                                biz_step, disposition, biz_location, read_point, enterprise_id, unit_id, body, demo)
                            SELECT decode(r.hash, 'hex'), r.eid, :capture, r.type, r.action,
                                   to_timestamp(r.s) + r.us * interval '1 microsecond', :now, r.step, r.disp, r.loc, r.rp,
                                   :ent, :unit, r.body, :demo
                            FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(n int, hash text, eid text, type text,
                                 action text, s bigint, us int, step text, disp text, loc text, rp text, body jsonb)
                            ORDER BY r.n
                            ON CONFLICT (hash) DO NOTHING RETURNING id, hash""")
                    .param("capture", captureId).param("now", Timestamp.from(now)).param("ent", owner.enterpriseId())
                    .param("unit", owner.unitId()).param("demo", demo).param("rows", rowsJson(rows))
                    .query((rs, n) -> ids.put(java.util.HexFormat.of().formatHex(rs.getBytes(2)), rs.getLong(1))).list();
        }
        duplicates += rows.size() - ids.size();
        List<Stored> stored = new ArrayList<>();
        ArrayNode epcRows = json.createArrayNode();
        for (Map.Entry<String, ObjectNode> x : byHash.entrySet()) {
            Long id = ids.get(x.getKey());
            if (id == null) {
                continue;
            }
            ObjectNode event = x.getValue();
            Map<String, String> epcs = identifiers(event);
            for (Map.Entry<String, String> i : epcs.entrySet()) {
                epcRows.addObject().put("e", id).put("epc", i.getKey().substring(i.getKey().indexOf('|') + 1))
                        .put("role", i.getValue());
            }
            List<String> destinations = new ArrayList<>();
            event.path("destinationList").forEach(d -> {
                String dest = d.path("destination").asString(null);
                if (dest != null) {
                    destinations.add(Epcis.identifier(dest));
                }
            });
            stored.add(new Stored(id, text(event, "type"), text(event, "action"), Epcis.bizStep(text(event, "bizStep")),
                    Epcis.disposition(text(event, "disposition")),
                    Epcis.identifier(event.path("bizLocation").path("id").asString(null)), destinations, epcs));
        }
        if (!epcRows.isEmpty()) {
            jdbc.sql("INSERT INTO traceability_event_epc (event_id, epc, role) SELECT r.e, r.epc, r.role "
                            + "FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(e bigint, epc text, role text)")
                    .param("rows", json.writeValueAsString(epcRows)).update();
        }
        if (!stored.isEmpty()) {
            for (EventListener l : listeners) {
                l.stored(stored, owner);
            }
        }
        jdbc.sql("INSERT INTO traceability_capture (id, enterprise_id, unit_id, events, duplicates, created_by) "
                        + "VALUES (:id, :e, :u, :n, :d, :by)").param("id", captureId).param("e", owner.enterpriseId())
                .param("u", owner.unitId()).param("n", stored.size()).param("d", duplicates)
                .param("by", user == null ? null : user.id()).update();
        if (user != null) {
            audit.record("traceability", "epcis-capture", captureId.toString(), owner.unitId(), "CAPTURE", null,
                    Map.of("events", stored.size(), "duplicates", duplicates));
        }
        return new CaptureResult(captureId.toString(), stored.size(), duplicates);
    }

    /** The rows as one JSON array, each row written on every core for a large document (the bodies are most of it). */
    private String rowsJson(List<ObjectNode> rows) {
        return (rows.size() >= PARALLEL_HASHING ? rows.parallelStream() : rows.stream()).map(json::writeValueAsString)
                .collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }

    /** Identifier → role, keyed "role|identifier" so that one identifier may take several roles. */
    private static Map<String, String> identifiers(JsonNode e) {
        Map<String, String> out = new LinkedHashMap<>();
        java.util.function.BiConsumer<String, String> add = (epc, role) -> {
            if (epc != null) {
                out.put(role + "|" + Epcis.identifier(epc), role);
            }
        };
        e.path("epcList").forEach(x -> add.accept(x.asString(null), "E"));
        e.path("quantityList").forEach(x -> add.accept(x.path("epcClass").asString(null), "C"));
        add.accept(e.path("parentID").asString(null), "P");
        e.path("childEPCs").forEach(x -> add.accept(x.asString(null), "CH"));
        e.path("childQuantityList").forEach(x -> add.accept(x.path("epcClass").asString(null), "CQ"));
        e.path("inputEPCList").forEach(x -> add.accept(x.asString(null), "I"));
        e.path("inputQuantityList").forEach(x -> add.accept(x.path("epcClass").asString(null), "IQ"));
        e.path("outputEPCList").forEach(x -> add.accept(x.asString(null), "O"));
        e.path("outputQuantityList").forEach(x -> add.accept(x.path("epcClass").asString(null), "OQ"));
        return out;
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw new ValidationException("body", Texts.msg("traceability.epcis.error.json"));
        }
        try {
            JsonNode n = json.readTree(body);
            if (n == null || !n.isObject()) {
                throw new ValidationException("body", Texts.msg("traceability.epcis.error.json"));
            }
            return n;
        } catch (JacksonException e) {
            throw new ValidationException("body", Texts.msg("traceability.epcis.error.json"));
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isString() ? v.asString() : null;
    }

    static Instant time(String v) {
        if (v == null) {
            return null;
        }
        Instant fast = EventHash.fastInstant(v); // the common form without the formatter (it was 23 % of the capture)
        if (fast != null) {
            return fast;
        }
        try {
            OffsetDateTime t = OffsetDateTime.parse(v);
            // PostgreSQL's timestamptz and java.sql.Timestamp: years 1 to 9999 only
            return t.getYear() < 1 || t.getYear() > 9999 ? null : t.toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static void validate(JsonNode e, String at, List<FieldProblem> errors) {
        String p = at.isEmpty() ? "" : at + ".";
        if (!e.isObject()) {
            errors.add(new FieldProblem(at, Texts.msg("traceability.epcis.error.event")));
            return;
        }
        String type = text(e, "type");
        if (type == null || !Epcis.TYPES.contains(type)) {
            errors.add(new FieldProblem(p + "type", Texts.msg("traceability.epcis.error.event-type")));
            return;
        }
        if (time(text(e, "eventTime")) == null) {
            errors.add(new FieldProblem(p + "eventTime", Texts.msg("traceability.epcis.error.time")));
        }
        String offset = text(e, "eventTimeZoneOffset");
        if (offset == null || !OFFSET.matcher(offset).matches()) {
            errors.add(new FieldProblem(p + "eventTimeZoneOffset", Texts.msg("traceability.epcis.error.offset")));
        }
        String action = text(e, "action");
        if (type.equals("TransformationEvent")) {
            if (action != null) {
                errors.add(new FieldProblem(p + "action", Texts.msg("traceability.epcis.error.no-action")));
            }
            boolean in = e.path("inputEPCList").size() + e.path("inputQuantityList").size() > 0;
            boolean out = e.path("outputEPCList").size() + e.path("outputQuantityList").size() > 0;
            if (!in && text(e, "transformationID") == null) {
                errors.add(new FieldProblem(p + "inputEPCList", Texts.msg("traceability.epcis.error.inputs")));
            }
            if (!out && text(e, "transformationID") == null) {
                errors.add(new FieldProblem(p + "outputEPCList", Texts.msg("traceability.epcis.error.outputs")));
            }
        } else if (action == null || !Epcis.ACTIONS.contains(action)) {
            errors.add(new FieldProblem(p + "action", Texts.msg("traceability.epcis.error.action")));
        }
        if (e.has("eventID") && (text(e, "eventID") == null || text(e, "eventID").length() > 300)) {
            errors.add(new FieldProblem(p + "eventID", Texts.msg("traceability.epcis.error.uri")));
        }
        if (e.has("parentID") && !isUri(text(e, "parentID"))) {
            errors.add(new FieldProblem(p + "parentID", Texts.msg("traceability.epcis.error.uri")));
        } else if (type.equals("AggregationEvent") && "ADD".equals(action) && !isUri(text(e, "parentID"))) {
            errors.add(new FieldProblem(p + "parentID", Texts.msg("traceability.epcis.error.uri")));
        }
        String step = text(e, "bizStep");
        if (e.has("bizStep") && (step == null || !(Epcis.BIZ_STEPS.contains(Epcis.bizStep(step))
                || (isUri(step) && !step.startsWith("urn:epcglobal:cbv:") && !step.startsWith("https://ref.gs1.org/cbv/"))))) {
            errors.add(new FieldProblem(p + "bizStep", Texts.msg("traceability.epcis.error.biz-step")));
        }
        String disp = text(e, "disposition");
        if (e.has("disposition") && (disp == null || !(Epcis.DISPOSITIONS.contains(Epcis.disposition(disp))
                || (isUri(disp) && !disp.startsWith("urn:epcglobal:cbv:") && !disp.startsWith("https://ref.gs1.org/cbv/"))))) {
            errors.add(new FieldProblem(p + "disposition", Texts.msg("traceability.epcis.error.disposition")));
        }
        for (String list : List.of("epcList", "childEPCs", "inputEPCList", "outputEPCList")) {
            JsonNode l = e.path(list);
            if (e.has(list) && !l.isArray()) {
                errors.add(new FieldProblem(p + list, Texts.msg("traceability.epcis.error.uri")));
                continue;
            }
            for (int i = 0; i < l.size(); i++) {
                if (!isUri(l.get(i).asString(null))) {
                    errors.add(new FieldProblem(p + list + "[" + i + "]", Texts.msg("traceability.epcis.error.uri")));
                }
            }
        }
        for (String list : List.of("destinationList", "sourceList")) {
            JsonNode l = e.path(list);
            if (e.has(list) && !l.isArray()) {
                errors.add(new FieldProblem(p + list, Texts.msg("traceability.epcis.error.uri")));
            }
        }
        for (String list : List.of("quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList")) {
            JsonNode l = e.path(list);
            if (e.has(list) && !l.isArray()) {
                errors.add(new FieldProblem(p + list, Texts.msg("traceability.epcis.error.quantity")));
                continue;
            }
            for (int i = 0; i < l.size(); i++) {
                JsonNode q = l.get(i);
                if (!isUri(q.path("epcClass").asString(null))) {
                    errors.add(new FieldProblem(p + list + "[" + i + "].epcClass", Texts.msg("traceability.epcis.error.uri")));
                }
                if (q.has("quantity") && (!q.get("quantity").isNumber() || q.get("quantity").asDouble() < 0)) {
                    errors.add(new FieldProblem(p + list + "[" + i + "].quantity", Texts.msg("traceability.epcis.error.quantity")));
                }
            }
        }
        if (type.equals("ObjectEvent") && e.path("epcList").isEmpty() && e.path("quantityList").isEmpty()) {
            errors.add(new FieldProblem(p + "epcList", Texts.msg("traceability.epcis.error.what")));
        }
        for (String where : List.of("readPoint", "bizLocation")) {
            if (e.has(where) && !isUri(e.path(where).path("id").asString(null))) {
                errors.add(new FieldProblem(p + where + ".id", Texts.msg("traceability.epcis.error.uri")));
            }
        }
    }

    private static boolean isUri(String v) {
        return Epcis.isUri(v);
    }

    // ------------------------------------------------------------------ query

    /** The query parameters of the EPCIS REST binding's SimpleEventQuery that this store answers. */
    public record Query(List<String> bizSteps, Instant geEventTime, Instant ltEventTime, List<String> anyEpc,
                        List<String> epcClass, List<String> bizLocation, List<String> disposition, int perPage) {
    }

    /** Parses the query parameters; a bad one is a 400 naming it. */
    public static Query query(Map<String, String> params) {
        List<FieldProblem> errors = new ArrayList<>();
        Set<String> known = Set.of("EQ_bizStep", "GE_eventTime", "LT_eventTime", "MATCH_anyEPC", "MATCH_epcClass",
                "EQ_bizLocation", "EQ_disposition", "perPage", "lang");
        for (String k : params.keySet()) {
            if (!known.contains(k)) {
                errors.add(new FieldProblem(k, Texts.msg("traceability.epcis.error.parameter")));
            }
        }
        Instant ge = null;
        Instant lt = null;
        if (params.get("GE_eventTime") != null) {
            ge = time(params.get("GE_eventTime"));
            if (ge == null) {
                errors.add(new FieldProblem("GE_eventTime", Texts.msg("traceability.epcis.error.time")));
            }
        }
        if (params.get("LT_eventTime") != null) {
            lt = time(params.get("LT_eventTime"));
            if (lt == null) {
                errors.add(new FieldProblem("LT_eventTime", Texts.msg("traceability.epcis.error.time")));
            }
        }
        int perPage = 100;
        if (params.get("perPage") != null) {
            try {
                perPage = Integer.parseInt(params.get("perPage"));
            } catch (NumberFormatException e) {
                perPage = -1;
            }
            if (perPage < 1 || perPage > 1000) {
                errors.add(new FieldProblem("perPage", Texts.msg("traceability.epcis.error.per-page")));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new Query(list(params.get("EQ_bizStep"), Epcis::bizStep), ge, lt,
                list(params.get("MATCH_anyEPC"), Epcis::identifier), list(params.get("MATCH_epcClass"), Epcis::identifier),
                list(params.get("EQ_bizLocation"), Epcis::identifier), list(params.get("EQ_disposition"), Epcis::disposition),
                perPage);
    }

    private static List<String> list(String v, java.util.function.UnaryOperator<String> norm) {
        if (v == null || v.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String s : v.split("\\|")) {
            if (!s.isBlank()) {
                out.add(norm.apply(s.trim()));
            }
        }
        return out;
    }

    /** Runs a query in the caller's scope and answers an EPCISQueryDocument. */
    @Transactional(readOnly = true)
    public String find(Query q, EnterpriseScope scope) {
        StringBuilder sql = new StringBuilder("SELECT e.body::text FROM traceability_event e WHERE ")
                .append(scope.predicate("e.enterprise_id", "e.unit_id"));
        Map<String, Object> params = new LinkedHashMap<>(scope.params());
        if (!q.bizSteps().isEmpty()) {
            sql.append(" AND e.biz_step IN (:steps)");
            params.put("steps", q.bizSteps());
        }
        if (!q.disposition().isEmpty()) {
            sql.append(" AND e.disposition IN (:disps)");
            params.put("disps", q.disposition());
        }
        if (!q.bizLocation().isEmpty()) {
            sql.append(" AND e.biz_location IN (:locs)");
            params.put("locs", q.bizLocation());
        }
        if (q.geEventTime() != null) {
            sql.append(" AND e.event_time >= :ge");
            params.put("ge", Timestamp.from(q.geEventTime()));
        }
        if (q.ltEventTime() != null) {
            sql.append(" AND e.event_time < :lt");
            params.put("lt", Timestamp.from(q.ltEventTime()));
        }
        if (!q.anyEpc().isEmpty()) {
            sql.append(" AND EXISTS (SELECT 1 FROM traceability_event_epc x WHERE x.event_id = e.id AND x.epc IN (:any) "
                    + "AND x.role IN ('E', 'P', 'CH', 'I', 'O'))");
            params.put("any", q.anyEpc());
        }
        if (!q.epcClass().isEmpty()) {
            sql.append(" AND EXISTS (SELECT 1 FROM traceability_event_epc x WHERE x.event_id = e.id AND x.epc IN (:cls) "
                    + "AND x.role IN ('C', 'CQ', 'IQ', 'OQ'))");
            params.put("cls", q.epcClass());
        }
        sql.append(" ORDER BY e.event_time, e.id LIMIT :limit");
        params.put("limit", q.perPage());
        List<String> rows = jdbc.sql(sql.toString()).params(params).query(String.class).list();
        ObjectNode out = json.createObjectNode();
        out.put("@context", Epcis.CONTEXT);
        out.put("type", "EPCISQueryDocument");
        out.put("schemaVersion", "2.0");
        out.put("creationDate", clock.instant().toString());
        ObjectNode results = out.putObject("epcisBody").putObject("queryResults");
        results.put("queryName", "SimpleEventQuery");
        ArrayNode list = results.putObject("resultsBody").putArray("eventList");
        for (String r : rows) {
            list.add(json.readTree(r));
        }
        return json.writeValueAsString(out);
    }

    /** Events naming any of the identifiers, oldest first (for the scan page and the detail page). */
    List<JsonNode> eventsNaming(java.util.Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT e.body::text FROM traceability_event e WHERE e.id IN (SELECT event_id FROM "
                        + "traceability_event_epc WHERE epc IN (:ids)) ORDER BY e.event_time, e.id LIMIT 500")
                .param("ids", new ArrayList<>(new LinkedHashSet<>(ids))).query(String.class).list().stream()
                .map(json::readTree).toList();
    }
}
