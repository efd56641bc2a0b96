package org.qualitycity.traceability.internal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.qualitycity.enterprise.EnterpriseRef;
import org.qualitycity.enterprise.EnterpriseScope;
import org.qualitycity.enterprise.Enterprises;
import org.qualitycity.notification.Notice;
import org.qualitycity.notification.Notifications;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.Text;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.ValidationException.FieldProblem;
import org.qualitycity.spotcheck.SampleResultRecorded;
import org.qualitycity.traceability.DigitalLink;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Products, batches, certificates, the trace graph (recursive CTE over {@code traceability_link}), recall, origin
 * release and the public view of a batch.
 */
@Service
public class BatchService implements EpcisService.EventListener {

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final BigDecimal MAX_QUANTITY = new BigDecimal("99999999999");
    public static final Set<String> KINDS = Set.of("ORIGIN", "PROCESSED", "MIXED", "SPLIT");
    public static final Set<String> BASES = Set.of("QUALITY_CONTROL", "SELF_TEST", "COMMISSIONED_TEST", "INTERNAL_CONTROL");

    public record NewBatch(String creditCode, @NotBlank @Size(max = 200) String productName, String gtin,
                           @NotBlank String lot, BigDecimal quantity, @Size(max = 10) String uom, LocalDate producedOn,
                           @Size(max = 200) String origin, String kind, List<String> inputs,
                           @Size(max = 30) String customsDeclarationNo, @Size(max = 200) String inspectionResult) {
    }

    public record BatchView(long id, String code, String productName, String gtin, String lot, String kind,
                            BigDecimal quantity, String uom, LocalDate producedOn, String origin, String enterpriseName,
                            String creditCode, String unitCode, String status, String recallReason,
                            String customsDeclarationNo, String inspectionResult, String publicUri, String digitalLink,
                            String epcClass, List<String> inputs) {
    }

    public record NewCertificate(@NotBlank String batch, BigDecimal quantity, @Size(max = 10) String uom,
                                 @Size(max = 200) String origin, @Size(max = 60) String contact, LocalDate issuedOn,
                                 String basis, @Size(max = 500) String testRecord) {
    }

    public record CertificateView(long id, String certNo, String batchCode, String productName, BigDecimal quantity,
                                  String uom, String producerName, String origin, String contact, LocalDate issuedOn,
                                  String basis, String testRecord, List<InputRef> inputs) {
    }

    public record InputRef(String batchCode, String productName, String lot, String producerName, String publicUri,
                           List<String> certificates) {
    }

    public record TraceNode(String batchCode, String productName, String lot, String enterpriseName, String status,
                            int depth, String publicUri) {
    }

    public record TraceLocation(String uri, String enterpriseName) {
    }

    public record Trace(String direction, String batchCode, List<TraceNode> batches, List<TraceLocation> locations,
                        List<String> identifiers) {
    }

    /** A node of the trace graph: a batch (its code) or a place (its location URI). */
    public record GraphNode(String id, String label, String kind, String status, int depth, String href) {
    }

    /** An edge of the trace graph: TRANSFORM, AGGREGATE, INPUT (batch to batch) or a business step (batch to place). */
    public record GraphEdge(String source, String target, String kind) {
    }

    public record Graph(List<GraphNode> nodes, List<GraphEdge> edges) {
    }

    public record RecallRequest(@NotBlank @Size(max = 500) String reason) {
    }

    public record RecallResult(String batchCode, int batchesRecalled, List<String> batches, List<String> enterprisesNotified) {
    }

    /** The public view of a batch: nothing private (no personal names or phones other than the published contact). */
    public record PublicView(String code, String productName, String gtin, String lot, String producerName,
                             String origin, LocalDate producedOn, String status, boolean recalled, String recallReason,
                             String customsDeclarationNo, String inspectionResult, String publicUri,
                             List<CertificateView> certificates, List<InputRef> inputs, List<Step> steps) {
    }

    public record Step(String time, String bizStep, String disposition, String place) {
    }

    /** The public view of a batch with the tags of its cached answers ({@link ScanCache}). */
    public record PublicScan(PublicView view, java.util.Set<String> tags) {
    }

    private final JdbcClient jdbc;
    private final Enterprises enterprises;
    private final AuditLog audit;
    private final Clock clock;
    private final Notifications notifications;
    private final ObjectMapper json;
    private final String base;
    private final org.springframework.beans.factory.ObjectProvider<EpcisService> epcis;
    private final ScanCache scans;

    BatchService(JdbcClient jdbc, Enterprises enterprises, AuditLog audit, Clock clock, Notifications notifications,
                 ObjectMapper json, @Value("${qc.traceability.base-uri:https://trace.qualitycity.example}") String base,
                 org.springframework.beans.factory.ObjectProvider<EpcisService> epcis, ScanCache scans) {
        this.scans = scans;
        this.jdbc = jdbc;
        this.enterprises = enterprises;
        this.audit = audit;
        this.clock = clock;
        this.notifications = notifications;
        this.json = json;
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.epcis = epcis;
    }

    public String base() {
        return base;
    }

    // ------------------------------------------------------------------ batches

    @Transactional
    public BatchView create(NewBatch req, CurrentUser user) {
        EnterpriseScope scope = enterprises.scope(user);
        EnterpriseRef ent;
        if (scope.enterpriseId() != null) {
            ent = enterprises.byId(scope.enterpriseId()).orElseThrow(() ->
                    new ValidationException("creditCode", Texts.msg("traceability.error.no-enterprise")));
        } else {
            if (req.creditCode() == null || req.creditCode().isBlank()) {
                throw new ValidationException("creditCode", Texts.msg("traceability.error.required"));
            }
            try {
                ent = enterprises.requireVisible(req.creditCode().trim(), user);
            } catch (NotFoundException e) {
                throw new ValidationException("creditCode", Texts.msg("traceability.error.enterprise"));
            }
        }
        return create(req, ent, user, false);
    }

    BatchView create(NewBatch req, EnterpriseRef ent, CurrentUser user, boolean demo) {
        List<FieldProblem> errors = new ArrayList<>();
        String gtin = null;
        if (req.gtin() != null && !req.gtin().isBlank()) {
            if (!DigitalLink.isValidGtin(req.gtin().trim())) {
                errors.add(new FieldProblem("gtin", Texts.msg("traceability.error.gtin")));
            } else {
                gtin = DigitalLink.normalizeGtin(req.gtin().trim());
            }
        }
        String lot = req.lot() == null ? "" : req.lot().trim();
        if (!DigitalLink.isValidValue(lot)) {
            errors.add(new FieldProblem("lot", Texts.msg("traceability.error.lot")));
        }
        String kind = req.kind() == null || req.kind().isBlank() ? "ORIGIN" : req.kind();
        if (!KINDS.contains(kind)) {
            errors.add(new FieldProblem("kind", Texts.msg("traceability.error.kind")));
        }
        if (req.quantity() != null && (req.quantity().signum() <= 0 || req.quantity().compareTo(MAX_QUANTITY) > 0)) {
            errors.add(new FieldProblem("quantity", Texts.msg("traceability.error.quantity")));
        }
        if (req.producedOn() != null && req.producedOn().isAfter(LocalDate.now(clock))) {
            errors.add(new FieldProblem("producedOn", Texts.msg("traceability.error.future")));
        }
        List<Long> inputs = new ArrayList<>();
        List<String> in = req.inputs() == null ? List.of() : req.inputs();
        for (int i = 0; i < in.size(); i++) {
            Long id = in.get(i) == null ? null : jdbc.sql("SELECT id FROM traceability_batch WHERE code = :c")
                    .param("c", in.get(i).trim()).query(Long.class).optional().orElse(null);
            if (id == null) {
                errors.add(new FieldProblem("inputs[" + i + "]", Texts.msg("traceability.error.input")));
            } else {
                inputs.add(id);
            }
        }
        if ((kind.equals("MIXED") || kind.equals("SPLIT")) && inputs.isEmpty() && errors.isEmpty()) {
            errors.add(new FieldProblem("inputs", Texts.msg("traceability.error.inputs")));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        String productName = req.productName().trim();
        Long productId = jdbc.sql("SELECT id FROM traceability_product WHERE enterprise_id = :e AND name = :n")
                .param("e", ent.id()).param("n", productName).query(Long.class).optional().orElse(null);
        if (productId == null) {
            if (gtin != null && jdbc.sql("SELECT count(*) FROM traceability_product WHERE gtin = :g").param("g", gtin)
                    .query(Integer.class).single() > 0) {
                throw new ValidationException("gtin", Texts.msg("traceability.error.gtin-taken"));
            }
            productId = jdbc.sql("INSERT INTO traceability_product (enterprise_id, unit_id, name, gtin, category, demo) "
                            + "VALUES (:e, :u, :n, :g, :c, :demo) RETURNING id").param("e", ent.id()).param("u", ent.unitId())
                    .param("n", productName).param("g", gtin)
                    .param("c", req.customsDeclarationNo() != null && !req.customsDeclarationNo().isBlank() ? "EXPORT"
                            : kind.equals("ORIGIN") ? "AGRI" : "PROCESSED").param("demo", demo)
                    .query(Long.class).single();
        } else {
            gtin = jdbc.sql("SELECT gtin FROM traceability_product WHERE id = :id").param("id", productId)
                    .query(String.class).optional().orElse(null);
        }
        if (jdbc.sql("SELECT count(*) FROM traceability_batch WHERE product_id = :p AND lot = :l").param("p", productId)
                .param("l", lot).query(Integer.class).single() > 0) {
            throw new ValidationException("lot", Texts.msg("traceability.error.lot-taken"));
        }
        String code = newCode();
        String epcClass = gtin != null ? "https://id.gs1.org" + DigitalLink.ofLot(gtin, lot).path() : base + "/t/" + code;
        long id = jdbc.sql("""
                        INSERT INTO traceability_batch (code, product_id, enterprise_id, unit_id, lot, epc_class, kind,
                            quantity, uom, produced_on, origin, customs_declaration_no, inspection_result, demo, created_by)
                        VALUES (:code, :p, :e, :u, :lot, :cls, :kind, :q, :uom, :on, :origin, :customs, :insp, :demo, :by)
                        RETURNING id""")
                .param("code", code).param("p", productId).param("e", ent.id()).param("u", ent.unitId()).param("lot", lot)
                .param("cls", epcClass).param("kind", kind).param("q", req.quantity()).param("uom", blank(req.uom()))
                .param("on", req.producedOn()).param("origin", blank(req.origin()))
                .param("customs", blank(req.customsDeclarationNo())).param("insp", blank(req.inspectionResult()))
                .param("demo", demo).param("by", user == null ? null : user.id()).query(Long.class).single();
        for (Long input : inputs) {
            jdbc.sql("INSERT INTO traceability_batch_input (batch_id, input_batch_id) VALUES (:b, :i) ON CONFLICT DO NOTHING")
                    .param("b", id).param("i", input).update();
            jdbc.sql("INSERT INTO traceability_link (from_id, to_id, kind) SELECT epc_class, :to, 'INPUT' "
                    + "FROM traceability_batch WHERE id = :i ON CONFLICT DO NOTHING").param("to", epcClass).param("i", input)
                    .update();
        }
        registerLocation(ent);
        BatchView view = view(id);
        if (user != null) {
            audit.record("traceability", "batch", id, ent.unitId(), "CREATE", null, view);
        }
        return view;
    }

    void registerLocation(EnterpriseRef ent) {
        jdbc.sql("INSERT INTO traceability_location (uri, enterprise_id, unit_id, name) VALUES (:uri, :e, :u, :n) "
                        + "ON CONFLICT (uri) DO UPDATE SET name = EXCLUDED.name").param("uri", Epcis.location(ent.creditCode()))
                .param("e", ent.id()).param("u", ent.unitId()).param("n", ent.name()).update();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String newCode() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private static final String SELECT = """
            SELECT b.id, b.code, p.name, p.gtin, b.lot, b.kind, b.quantity, b.uom, b.produced_on, b.origin, b.enterprise_id,
                   b.unit_id, b.status, b.recall_reason, b.customs_declaration_no, b.inspection_result, b.epc_class,
                   u.code AS unit_code,
                   ARRAY(SELECT ib.code FROM traceability_batch_input i JOIN traceability_batch ib ON ib.id = i.input_batch_id
                         WHERE i.batch_id = b.id ORDER BY ib.code) AS inputs
            FROM traceability_batch b JOIN traceability_product p ON p.id = b.product_id
            JOIN platform_unit u ON u.id = b.unit_id""";

    private BatchView map(ResultSet rs) throws SQLException {
        return map(rs, new java.util.HashMap<>());
    }

    /** A row as a view; {@code names} caches the enterprises of one query (a trace names many batches of few owners). */
    private BatchView map(ResultSet rs, Map<Long, java.util.Optional<EnterpriseRef>> names) throws SQLException {
        String gtin = rs.getString("gtin");
        String code = rs.getString("code");
        String dl = gtin != null ? DigitalLink.ofLot(gtin, rs.getString("lot")).uri(base) : null;
        EnterpriseRef e = names.computeIfAbsent(rs.getLong("enterprise_id"), enterprises::byId).orElse(null);
        return new BatchView(rs.getLong("id"), code, rs.getString(3), gtin, rs.getString("lot"), rs.getString("kind"),
                rs.getBigDecimal("quantity"), rs.getString("uom"), rs.getObject("produced_on", LocalDate.class),
                rs.getString("origin"), e == null ? null : e.name(), e == null ? null : e.creditCode(),
                rs.getString("unit_code"), rs.getString("status"), rs.getString("recall_reason"),
                rs.getString("customs_declaration_no"), rs.getString("inspection_result"),
                // a lot with a slash is B24%2F05 in the path, which the scan page resolves (DigitalLinkPaths)
                dl != null ? dl : base + "/t/" + code, dl, rs.getString("epc_class"),
                List.of((String[]) rs.getArray("inputs").getArray()));
    }

    BatchView view(long id) {
        return jdbc.sql(SELECT + " WHERE b.id = :id").param("id", id).query((rs, n) -> map(rs)).optional()
                .orElseThrow(() -> new NotFoundException("batch"));
    }

    /** A batch the user may see, by id; otherwise 404. */
    @Transactional(readOnly = true)
    public BatchView require(long id, CurrentUser user) {
        EnterpriseScope scope = enterprises.scope(user);
        Map<String, Object> p = new LinkedHashMap<>(scope.params());
        p.put("id", id);
        return jdbc.sql(SELECT + " WHERE b.id = :id AND " + scope.predicate("b.enterprise_id", "b.unit_id")).params(p)
                .query((rs, n) -> map(rs)).optional().orElseThrow(() -> new NotFoundException("batch"));
    }

    @Transactional(readOnly = true)
    public List<BatchView> list(CurrentUser user, String q, int limit) {
        EnterpriseScope scope = enterprises.scope(user);
        Map<String, Object> p = new LinkedHashMap<>(scope.params());
        String where = " WHERE " + scope.predicate("b.enterprise_id", "b.unit_id");
        if (q != null && !q.isBlank()) {
            where += " AND (b.code = :q OR b.lot = :q OR p.name LIKE :like ESCAPE '\\')";
            p.put("q", q.trim());
            p.put("like", "%" + q.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        p.put("limit", Math.max(1, Math.min(limit, 200)));
        return jdbc.sql(SELECT + where + " ORDER BY b.id DESC LIMIT :limit").params(p).query((rs, n) -> map(rs)).list();
    }

    // ------------------------------------------------------------------ EPCIS links, origin release

    /** After a capture (once for all its stored events): trace links, known places, origin release — set-based. */
    @Override
    public void stored(List<EpcisService.Stored> events, EpcisService.Owner owner) {
        tools.jackson.databind.node.ArrayNode links = json.createArrayNode();
        Set<String> places = new LinkedHashSet<>();
        List<EpcisService.Stored> receiving = new ArrayList<>();
        for (EpcisService.Stored e : events) {
            List<String> in = new ArrayList<>();
            List<String> out = new ArrayList<>();
            String parent = null;
            for (Map.Entry<String, String> x : e.epcs().entrySet()) {
                String id = x.getKey().substring(x.getKey().indexOf('|') + 1);
                switch (x.getValue()) {
                    case "I", "IQ" -> in.add(id);
                    case "O", "OQ" -> out.add(id);
                    case "CH", "CQ" -> in.add(id);
                    case "P" -> parent = id;
                    default -> {
                    }
                }
            }
            if (e.type().equals("TransformationEvent")) {
                for (String from : in) {
                    for (String to : out) {
                        links.addObject().put("f", from).put("t", to).put("k", "TRANSFORM").put("e", e.id());
                    }
                }
            } else if (e.type().equals("AggregationEvent") && "ADD".equals(e.action()) && parent != null) {
                for (String child : in) {
                    links.addObject().put("f", child).put("t", parent).put("k", "AGGREGATE").put("e", e.id());
                }
            }
            places.addAll(e.destinations());
            if (e.bizLocation() != null) {
                places.add(e.bizLocation());
            }
            if ("receiving".equals(e.bizStep()) && e.bizLocation() != null) {
                receiving.add(e);
            }
        }
        if (!links.isEmpty()) {
            jdbc.sql("INSERT INTO traceability_link (from_id, to_id, kind, event_id) SELECT DISTINCT ON (r.f, r.t, r.k) "
                            + "r.f, r.t, r.k, r.e FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(f text, t text, k text, "
                            + "e bigint) ORDER BY r.f, r.t, r.k, r.e ON CONFLICT DO NOTHING")
                    .param("rows", json.writeValueAsString(links)).update();
        }
        for (String place : places) {
            if (place.startsWith("urn:qualitycity:loc:")) {
                enterprises.byCreditCode(place.substring("urn:qualitycity:loc:".length())).ifPresent(this::registerLocation);
            }
        }
        if (!receiving.isEmpty()) {
            Set<String> known = new java.util.HashSet<>(jdbc.sql("SELECT uri FROM traceability_location WHERE uri IN (:u)")
                    .param("u", receiving.stream().map(EpcisService.Stored::bizLocation).distinct().toList())
                    .query(String.class).list());
            for (EpcisService.Stored e : receiving) {
                if (known.contains(e.bizLocation())) {
                    originRelease(e);
                }
            }
        }
    }

    /** 产地准出: a farm batch received at a registered enterprise without a certificate or a passed test is flagged. */
    private void originRelease(EpcisService.Stored e) {
        var place = jdbc.sql("SELECT enterprise_id, unit_id, name FROM traceability_location WHERE uri = :u")
                .param("u", e.bizLocation()).query((rs, n) -> new Object[]{rs.getLong(1), rs.getLong(2), rs.getString(3)})
                .optional().orElse(null);
        if (place == null) {
            return;
        }
        List<String> ids = e.epcs().keySet().stream().map(k -> k.substring(k.indexOf('|') + 1)).toList();
        var batches = jdbc.sql("""
                        SELECT b.id, b.code, p.name FROM traceability_batch b JOIN traceability_product p ON p.id = b.product_id
                        WHERE b.epc_class IN (:ids) AND b.kind = 'ORIGIN' AND b.enterprise_id <> :holder
                          AND NOT EXISTS (SELECT 1 FROM traceability_certificate c WHERE c.batch_id = b.id)
                          AND NOT EXISTS (SELECT 1 FROM traceability_event_epc x JOIN traceability_event ev ON ev.id = x.event_id
                                          WHERE x.epc = b.epc_class AND ev.biz_step = 'inspecting'
                                            AND ev.disposition = 'conformant')""")
                .param("ids", ids).param("holder", place[0])
                .query((rs, n) -> new Object[]{rs.getLong(1), rs.getString(2), rs.getString(3)}).list();
        for (Object[] b : batches) {
            int added = jdbc.sql("INSERT INTO traceability_flag (batch_id, event_id, enterprise_id, unit_id) "
                            + "VALUES (:b, :e, :ent, :u) ON CONFLICT DO NOTHING").param("b", b[0]).param("e", e.id())
                    .param("ent", place[0]).param("u", place[1]).update();
            if (added > 0) {
                notifications.toUnit((Long) place[1], Notice.warn("traceability.origin",
                        Text.of("traceability.notice.origin.title", b[2], b[1]),
                        Text.of("traceability.notice.origin.body", place[2], b[2], b[1]), "/traceability/batches/" + b[0]));
            }
        }
    }

    /** Flags of origin release in the user's scope (the receiving enterprise's). */
    @Transactional(readOnly = true)
    public List<Map<String, Object>> flags(CurrentUser user) {
        EnterpriseScope scope = enterprises.scope(user);
        return jdbc.sql("SELECT f.id, b.code, f.created_at, l.name FROM traceability_flag f JOIN traceability_batch b ON "
                        + "b.id = f.batch_id LEFT JOIN traceability_location l ON l.enterprise_id = f.enterprise_id WHERE "
                        + scope.predicate("f.enterprise_id", "f.unit_id") + " ORDER BY f.id DESC LIMIT 100")
                .params(scope.params()).query().listOfRows();
    }

    // ------------------------------------------------------------------ spot checks

    /** A spot-check result becomes an inspecting event of the sampled batch (matched by enterprise and lot). */
    @ApplicationModuleListener
    void on(SampleResultRecorded r) {
        var batch = jdbc.sql("SELECT b.id, b.epc_class, b.unit_id FROM traceability_batch b WHERE b.enterprise_id = :e "
                        + "AND b.lot = :lot ORDER BY b.id DESC LIMIT 1").param("e", r.enterpriseId()).param("lot", r.batchNo())
                .query((rs, n) -> new Object[]{rs.getLong(1), rs.getString(2), rs.getLong(3)}).optional().orElse(null);
        if (batch == null) {
            return;
        }
        ObjectNode ev = json.createObjectNode();
        ev.put("type", "ObjectEvent");
        ev.put("action", "OBSERVE");
        OffsetDateTime at = r.sampledOn().atStartOfDay().atOffset(ZoneOffset.ofHours(8)).plusHours(12);
        ev.put("eventTime", at.toString());
        ev.put("eventTimeZoneOffset", "+08:00");
        ev.putArray("quantityList").addObject().put("epcClass", (String) batch[1]);
        ev.put("bizStep", "inspecting");
        ev.put("disposition", "PASS".equals(r.verdict()) ? "conformant" : "non_conformant");
        ev.putArray("bizTransactionList").addObject().put("type", "urn:qualitycity:bt:spotcheck")
                .put("bizTransaction", "urn:qualitycity:spotcheck:" + r.sampleNo());
        epcis.getObject().store(List.of(ev), null, new EpcisService.Owner(r.enterpriseId(), (Long) batch[2]), null, false);
    }

    // ------------------------------------------------------------------ trace and recall

    /** Identifiers reached from the start through the link graph, with their depth (recursive CTE). */
    Map<String, Integer> reach(String start, boolean forward, int maxDepth) {
        String sql = forward ? """
                WITH RECURSIVE t(id, depth) AS (
                    SELECT CAST(:start AS varchar), 0
                    UNION
                    SELECT l.to_id, t.depth + 1 FROM traceability_link l JOIN t ON l.from_id = t.id WHERE t.depth < :max)
                SELECT id, min(depth) FROM t GROUP BY id ORDER BY min(depth), id""" : """
                WITH RECURSIVE t(id, depth) AS (
                    SELECT CAST(:start AS varchar), 0
                    UNION
                    SELECT l.from_id, t.depth + 1 FROM traceability_link l JOIN t ON l.to_id = t.id WHERE t.depth < :max)
                SELECT id, min(depth) FROM t GROUP BY id ORDER BY min(depth), id""";
        Map<String, Integer> out = new LinkedHashMap<>();
        jdbc.sql(sql).param("start", start).param("max", maxDepth).query((rs, n) -> out.put(rs.getString(1), rs.getInt(2)))
                .list();
        return out;
    }

    @Transactional(readOnly = true)
    public Trace trace(long id, String direction, CurrentUser user) {
        if (direction == null || !(direction.equals("forward") || direction.equals("back"))) {
            throw new ValidationException("direction", Texts.msg("traceability.error.direction"));
        }
        BatchView b = require(id, user);
        return trace(b, direction.equals("forward"));
    }

    Trace trace(BatchView b, boolean forward) {
        Map<String, Integer> reached = reach(b.epcClass(), forward, 20);
        List<TraceNode> nodes = new ArrayList<>();
        Map<Long, java.util.Optional<EnterpriseRef>> names = new java.util.HashMap<>();
        jdbc.sql(SELECT + " WHERE b.epc_class = ANY (:ids)").param("ids", reached.keySet().toArray(String[]::new))
                .query((rs, n) -> map(rs, names)).list().stream()
                .sorted(java.util.Comparator.comparing((BatchView v) -> reached.get(v.epcClass())).thenComparing(BatchView::code))
                .forEach(v -> nodes.add(new TraceNode(v.code(), v.productName(), v.lot(), v.enterpriseName(), v.status(),
                        reached.get(v.epcClass()), v.publicUri())));
        List<TraceLocation> locations = new ArrayList<>();
        if (forward) {
            // the places of the events naming a reached identifier: where they happened, and where shipments went
            jdbc.sql("""
                            WITH ev AS (SELECT DISTINCT x.event_id FROM traceability_event_epc x WHERE x.epc = ANY (:ids))
                            SELECT DISTINCT loc, l.name FROM (
                                SELECT e.biz_location AS loc FROM traceability_event e JOIN ev ON ev.event_id = e.id
                                WHERE e.biz_location IS NOT NULL
                                UNION
                                SELECT d->>'destination' FROM traceability_event e JOIN ev ON ev.event_id = e.id,
                                    jsonb_array_elements(CASE WHEN jsonb_typeof(e.body->'destinationList') = 'array'
                                    THEN e.body->'destinationList' ELSE '[]'::jsonb END) d
                                WHERE e.biz_step = 'shipping') x
                            LEFT JOIN traceability_location l ON l.uri = x.loc WHERE loc IS NOT NULL ORDER BY 1""")
                    .param("ids", reached.keySet().toArray(String[]::new))
                    .query((rs, n) -> locations.add(new TraceLocation(rs.getString(1), rs.getString(2)))).list();
        }
        return new Trace(forward ? "forward" : "back", b.code(), nodes, locations, new ArrayList<>(reached.keySet()));
    }

    /**
     * The trace graph of a batch for the detail page: the batches reached back and forward (nodes; recalled ones keep
     * their status), the links between them (transformations, packing, declared inputs) and the places where they were
     * shipped to, received, stored or sold (shipment edges from a batch to a place).
     */
    @Transactional(readOnly = true)
    public Graph graph(long id, CurrentUser user) {
        BatchView b = require(id, user);
        Trace back = trace(b, false);
        Trace forward = trace(b, true);
        Map<String, GraphNode> nodes = new LinkedHashMap<>();
        Map<String, String> codeByClass = new LinkedHashMap<>();
        jdbc.sql("SELECT epc_class, code FROM traceability_batch WHERE epc_class IN (:ids)")
                .param("ids", java.util.stream.Stream.concat(back.identifiers().stream(), forward.identifiers().stream())
                        .distinct().toList())
                .query((rs, n) -> codeByClass.put(rs.getString(1), rs.getString(2))).list();
        for (TraceNode n : back.batches()) {
            nodes.put(n.batchCode(), new GraphNode(n.batchCode(), n.productName() + " · " + n.lot(), "batch", n.status(),
                    -n.depth(), "/t/" + n.batchCode()));
        }
        for (TraceNode n : forward.batches()) {
            nodes.putIfAbsent(n.batchCode(), new GraphNode(n.batchCode(), n.productName() + " · " + n.lot(), "batch",
                    n.status(), n.depth(), "/t/" + n.batchCode()));
        }
        List<GraphEdge> edges = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        List<String> classes = new ArrayList<>(codeByClass.keySet());
        if (!classes.isEmpty()) {
            jdbc.sql("SELECT from_id, to_id, kind FROM traceability_link WHERE from_id IN (:c) AND to_id IN (:c)")
                    .param("c", classes).query((rs, n) -> {
                        String from = codeByClass.get(rs.getString(1));
                        String to = codeByClass.get(rs.getString(2));
                        if (from != null && to != null && seen.add(from + ">" + to)) {
                            edges.add(new GraphEdge(from, to, rs.getString(3)));
                        }
                        return null;
                    }).list();
            Map<String, String> names = new LinkedHashMap<>();
            jdbc.sql("""
                            SELECT DISTINCT x.epc, CASE WHEN e.biz_step = 'shipping' THEN d->>'destination' ELSE e.biz_location END
                                   AS place, e.biz_step, l.name
                            FROM traceability_event_epc x JOIN traceability_event e ON e.id = x.event_id
                            LEFT JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(e.body->'destinationList') = 'array'
                                 THEN e.body->'destinationList' ELSE '[]'::jsonb END) d ON true
                            LEFT JOIN traceability_location l
                                 ON l.uri = CASE WHEN e.biz_step = 'shipping' THEN d->>'destination' ELSE e.biz_location END
                            WHERE x.epc IN (:c) AND e.biz_step IN ('shipping', 'receiving', 'storing', 'retail_selling')
                            ORDER BY 1, 2 LIMIT 500""")
                    .param("c", classes).query((rs, n) -> {
                        String code = codeByClass.get(rs.getString(1));
                        String place = rs.getString(2);
                        if (code != null && place != null && nodes.containsKey(code)) {
                            names.putIfAbsent(place, rs.getString(4) != null ? rs.getString(4) : place);
                            if (seen.add(code + ">" + place)) {
                                edges.add(new GraphEdge(code, place, rs.getString(3)));
                            }
                        }
                        return null;
                    }).list();
            names.forEach((uri, name) -> nodes.putIfAbsent(uri, new GraphNode(uri, name, "place", null, 0, null)));
        }
        return new Graph(new ArrayList<>(nodes.values()), edges);
    }

    @Transactional
    public RecallResult recall(long id, RecallRequest req, CurrentUser user) {
        BatchView b = require(id, user);
        if (req == null || req.reason() == null || req.reason().isBlank()) {
            throw new ValidationException("reason", Texts.msg("traceability.error.required"));
        }
        Trace t = trace(b, true);
        List<String> codes = t.batches().stream().map(TraceNode::batchCode).toList();
        int n = jdbc.sql("UPDATE traceability_batch SET status = 'RECALLED', recalled_at = :now, recall_reason = :r, "
                        + "recalled_from = :root WHERE code IN (:codes) AND status <> 'RECALLED'")
                .param("now", java.sql.Timestamp.from(clock.instant())).param("r", req.reason().trim())
                .param("root", id).param("codes", codes).update();
        scans.batchesChanged(codes); // the scan pages of every recalled batch (now and after the commit)
        // the recall as an EPCIS event: every reached batch held with disposition recalled
        ObjectNode ev = json.createObjectNode();
        ev.put("type", "ObjectEvent");
        ev.put("action", "OBSERVE");
        ev.put("eventTime", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).toString());
        ev.put("eventTimeZoneOffset", "+00:00");
        var q = ev.putArray("quantityList");
        jdbc.sql("SELECT epc_class FROM traceability_batch WHERE code IN (:codes) ORDER BY id").param("codes", codes)
                .query(String.class).list().forEach(c -> q.addObject().put("epcClass", c));
        ev.put("bizStep", "holding");
        ev.put("disposition", "recalled");
        epcis.getObject().store(List.of(ev), null, new EpcisService.Owner(null, user.unitId()), user, false);
        // notify the enterprises that own or hold a reached batch
        Set<Long> holders = new LinkedHashSet<>(jdbc.sql("SELECT DISTINCT enterprise_id FROM traceability_batch WHERE code IN (:codes)")
                .param("codes", codes).query(Long.class).list());
        List<String> uris = t.locations().stream().map(TraceLocation::uri).toList();
        if (!uris.isEmpty()) {
            holders.addAll(jdbc.sql("SELECT enterprise_id FROM traceability_location WHERE uri IN (:u)").param("u", uris)
                    .query(Long.class).list());
        }
        List<String> notified = new ArrayList<>();
        for (Long ent : holders) {
            EnterpriseRef e = enterprises.byId(ent).orElse(null);
            if (e == null) {
                continue;
            }
            notified.add(e.name());
            Notice notice = Notice.alert("traceability.recall", Text.of("traceability.notice.recall.title", b.productName(),
                    b.lot()), Text.of("traceability.notice.recall.body", b.productName(), b.lot(), req.reason().trim(),
                    String.join(", ", codes)), null);
            for (Long u : enterprises.linkedUsers(ent)) {
                notifications.toUser(u, notice);
            }
            notifications.toUnit(e.unitId(), new Notice(notice.category(), null, null, "/traceability/batches/" + id,
                    notice.severity(), notice.titleText(), notice.bodyText()));
        }
        RecallResult result = new RecallResult(b.code(), n, codes, notified);
        audit.record("traceability", "batch", id, null, "RECALL", b, result);
        return result;
    }

    // ------------------------------------------------------------------ certificates

    @Transactional
    public CertificateView issue(NewCertificate req, CurrentUser user) {
        BatchView b;
        Long batchId = jdbc.sql("SELECT id FROM traceability_batch WHERE code = :c").param("c", req.batch().trim())
                .query(Long.class).optional().orElse(null);
        try {
            b = require(batchId == null ? -1 : batchId, user);
        } catch (NotFoundException e) {
            throw new ValidationException("batch", Texts.msg("traceability.error.batch"));
        }
        return issue(req, b, user, false);
    }

    CertificateView issue(NewCertificate req, BatchView b, CurrentUser user, boolean demo) {
        List<FieldProblem> errors = new ArrayList<>();
        BigDecimal quantity = req.quantity() != null ? req.quantity() : b.quantity();
        if (quantity == null || quantity.signum() <= 0 || quantity.compareTo(MAX_QUANTITY) > 0) {
            errors.add(new FieldProblem("quantity", Texts.msg("traceability.error.quantity")));
        }
        String uom = req.uom() != null && !req.uom().isBlank() ? req.uom().trim() : b.uom() != null ? b.uom() : "KGM";
        String origin = req.origin() != null && !req.origin().isBlank() ? req.origin().trim() : b.origin();
        if (origin == null) {
            errors.add(new FieldProblem("origin", Texts.msg("traceability.error.required")));
        }
        if (req.contact() == null || req.contact().isBlank()) {
            errors.add(new FieldProblem("contact", Texts.msg("traceability.error.required")));
        }
        String basis = req.basis() == null || req.basis().isBlank() ? "QUALITY_CONTROL" : req.basis();
        if (!BASES.contains(basis)) {
            errors.add(new FieldProblem("basis", Texts.msg("traceability.error.basis")));
        }
        if ((basis.equals("SELF_TEST") || basis.equals("COMMISSIONED_TEST"))
                && (req.testRecord() == null || req.testRecord().isBlank())) {
            errors.add(new FieldProblem("testRecord", Texts.msg("traceability.error.test-record")));
        }
        LocalDate issued = req.issuedOn() == null ? LocalDate.now(clock) : req.issuedOn();
        if (issued.isAfter(LocalDate.now(clock))) {
            errors.add(new FieldProblem("issuedOn", Texts.msg("traceability.error.future")));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        long entId = jdbc.sql("SELECT enterprise_id FROM traceability_batch WHERE id = :id").param("id", b.id())
                .query(Long.class).single();
        long unitId = jdbc.sql("SELECT unit_id FROM traceability_batch WHERE id = :id").param("id", b.id())
                .query(Long.class).single();
        String certNo = "HG" + issued.toString().replace("-", "") + newCode().substring(0, 6);
        long id = jdbc.sql("""
                        INSERT INTO traceability_certificate (cert_no, batch_id, enterprise_id, unit_id, product_name, quantity,
                            uom, producer_name, origin, contact, issued_on, basis, test_record, demo, created_by)
                        VALUES (:no, :b, :e, :u, :p, :q, :uom, :producer, :origin, :contact, :on, :basis, :test, :demo, :by)
                        RETURNING id""")
                .param("no", certNo).param("b", b.id()).param("e", entId).param("u", unitId).param("p", b.productName())
                .param("q", quantity).param("uom", uom).param("producer", b.enterpriseName()).param("origin", origin)
                .param("contact", req.contact().trim()).param("on", issued).param("basis", basis)
                .param("test", blank(req.testRecord())).param("demo", demo).param("by", user == null ? null : user.id())
                .query(Long.class).single();
        CertificateView view = certificates("c.id = :id", Map.of("id", id)).get(0);
        scans.batchChanged(b.id()); // its scan page, and the pages listing it as an input
        if (user != null) {
            audit.record("traceability", "certificate", id, unitId, "CREATE", null, view);
        }
        return view;
    }

    @Transactional(readOnly = true)
    public List<CertificateView> certificates(CurrentUser user, String batchCode) {
        EnterpriseScope scope = enterprises.scope(user);
        Map<String, Object> p = new LinkedHashMap<>(scope.params());
        String where = scope.predicate("c.enterprise_id", "c.unit_id");
        if (batchCode != null && !batchCode.isBlank()) {
            where += " AND b.code = :code";
            p.put("code", batchCode.trim());
        }
        return certificates(where, p);
    }

    private List<CertificateView> certificates(String where, Map<String, Object> params) {
        return jdbc.sql("SELECT c.*, b.code AS batch_code, b.id AS bid FROM traceability_certificate c JOIN traceability_batch b "
                        + "ON b.id = c.batch_id WHERE " + where + " ORDER BY c.id DESC LIMIT 200").params(params)
                .query((rs, n) -> new CertificateView(rs.getLong("id"), rs.getString("cert_no"), rs.getString("batch_code"),
                        rs.getString("product_name"), rs.getBigDecimal("quantity"), rs.getString("uom"),
                        rs.getString("producer_name"), rs.getString("origin"), rs.getString("contact"),
                        rs.getObject("issued_on", LocalDate.class), rs.getString("basis"), rs.getString("test_record"),
                        inputs(rs.getLong("bid")))).list();
    }

    /** The input batches of a batch with their certificates (a mixed or split lot's certificate references them). */
    List<InputRef> inputs(long batchId) {
        return jdbc.sql("""
                        SELECT ib.code, p.name, ib.lot, ib.enterprise_id, p.gtin,
                               ARRAY(SELECT c.cert_no FROM traceability_certificate c WHERE c.batch_id = ib.id ORDER BY c.id) AS certs
                        FROM traceability_batch_input i JOIN traceability_batch ib ON ib.id = i.input_batch_id
                        JOIN traceability_product p ON p.id = ib.product_id WHERE i.batch_id = :b ORDER BY ib.code""")
                .param("b", batchId)
                .query((rs, n) -> new InputRef(rs.getString(1), rs.getString(2), rs.getString(3),
                        enterprises.byId(rs.getLong(4)).map(EnterpriseRef::name).orElse(null),
                        rs.getString(5) != null ? DigitalLink.ofLot(rs.getString(5), rs.getString(3)).uri(base)
                                : base + "/t/" + rs.getString(1),
                        List.of((String[]) rs.getArray(6).getArray()))).list();
    }

    // ------------------------------------------------------------------ public view

    /**
     * The public view by code: one query for the page's data (the batch, its certificates, its declared inputs with
     * their certificates, and the events naming it with their places), the producers' names through the enterprise
     * register (cached briefly: {@link #producers}).
     */
    public java.util.Optional<PublicView> publicByCode(String code) {
        return publicScanByCode(code).map(PublicScan::view);
    }

    public java.util.Optional<PublicView> publicByLink(DigitalLink link) {
        return publicScanByLink(link).map(PublicScan::view);
    }

    /** The public view by code with the tags of its cached answers (one statement: no transaction of its own). */
    public java.util.Optional<PublicScan> publicScanByCode(String code) {
        return publicView("b.code = :c", Map.of("c", code));
    }

    public java.util.Optional<PublicScan> publicScanByLink(DigitalLink link) {
        return publicView("b.product_id = (SELECT p2.id FROM traceability_product p2 WHERE p2.gtin = :g) AND b.lot = :l",
                Map.of("g", link.gtin(), "l", link.lot()));
    }

    private static final String PUBLIC = """
            SELECT b.id, b.code, p.name, p.gtin, b.lot, b.enterprise_id, b.origin, b.produced_on, b.status, b.recall_reason,
                   b.customs_declaration_no, b.inspection_result, b.epc_class,
                   (SELECT json_agg(json_build_object('id', c.id, 'no', c.cert_no, 'product', c.product_name,
                               'quantity', c.quantity::text, 'uom', c.uom, 'producer', c.producer_name, 'origin', c.origin,
                               'contact', c.contact, 'issued', c.issued_on, 'basis', c.basis, 'test', c.test_record)
                               ORDER BY c.id DESC)
                    FROM traceability_certificate c WHERE c.batch_id = b.id) AS certs,
                   (SELECT json_agg(json_build_object('id', ib.id, 'code', ib.code, 'product', ip.name, 'lot', ib.lot,
                               'enterprise', ib.enterprise_id, 'gtin', ip.gtin,
                               'certs', ARRAY(SELECT c.cert_no FROM traceability_certificate c WHERE c.batch_id = ib.id
                                              ORDER BY c.id)) ORDER BY ib.code)
                    FROM traceability_batch_input i JOIN traceability_batch ib ON ib.id = i.input_batch_id
                    JOIN traceability_product ip ON ip.id = ib.product_id WHERE i.batch_id = b.id) AS inputs,
                   (SELECT json_agg(json_build_object('t', e.body->>'eventTime', 's', e.biz_step, 'd', e.disposition,
                               'p', l.name) ORDER BY e.event_time, e.id)
                    FROM (SELECT e.id, e.event_time, e.body, e.biz_step, e.disposition, e.biz_location
                          FROM traceability_event e WHERE e.id IN (SELECT x.event_id FROM traceability_event_epc x
                                                                   WHERE x.epc = b.epc_class)
                          ORDER BY e.event_time, e.id LIMIT 500) e
                    LEFT JOIN traceability_location l ON l.uri = e.biz_location) AS steps
            FROM traceability_batch b JOIN traceability_product p ON p.id = b.product_id
            WHERE\s""";

    /** Producers' names for the public page, for a few minutes (the register renames an enterprise rarely). */
    private final com.github.benmanes.caffeine.cache.Cache<Long, java.util.Optional<String>> producers =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(10_000)
                    .expireAfterWrite(java.time.Duration.ofMinutes(5)).build();

    private String producer(long enterpriseId) {
        return producers.get(enterpriseId, id -> enterprises.byId(id).map(EnterpriseRef::name)).orElse(null);
    }

    /** The row's columns, read while the statement's connection is held; assembled after it is released. */
    private record PublicRow(long id, String code, String productName, String gtin, String lot, long enterpriseId,
                             String origin, LocalDate producedOn, String status, String recallReason, String customs,
                             String inspection, String epcClass, String certs, String inputs, String steps) {
    }

    /**
     * One statement without a transaction of its own; the producers' names (enterprise register, cached) are looked up
     * after the statement's connection went back to the pool, so that a scan never holds two connections.
     */
    private java.util.Optional<PublicScan> publicView(String where, Map<String, Object> params) {
        return jdbc.sql(PUBLIC + where).params(params).query((rs, n) -> new PublicRow(rs.getLong("id"),
                rs.getString("code"), rs.getString(3), rs.getString("gtin"), rs.getString("lot"), rs.getLong("enterprise_id"),
                rs.getString("origin"), rs.getObject("produced_on", LocalDate.class), rs.getString("status"),
                rs.getString("recall_reason"), rs.getString("customs_declaration_no"), rs.getString("inspection_result"),
                rs.getString("epc_class"), rs.getString("certs"), rs.getString("inputs"), rs.getString("steps")))
                .optional().map(this::publicScan);
    }

    private PublicScan publicScan(PublicRow r) {
        String code = r.code();
        List<InputRef> inputs = new ArrayList<>();
        List<Long> inputIds = new ArrayList<>();
        for (JsonNode i : array(r.inputs())) {
            inputIds.add(i.path("id").asLong());
            List<String> certs = new ArrayList<>();
            i.path("certs").forEach(c -> certs.add(c.asString()));
            String gtin = str(i, "gtin");
            String lot = str(i, "lot");
            inputs.add(new InputRef(str(i, "code"), str(i, "product"), lot,
                    producer(i.path("enterprise").asLong()),
                    gtin != null ? DigitalLink.ofLot(gtin, lot).uri(base) : base + "/t/" + str(i, "code"),
                    certs));
        }
        List<CertificateView> certs = new ArrayList<>();
        for (JsonNode c : array(r.certs())) {
            certs.add(new CertificateView(c.path("id").asLong(), str(c, "no"), code,
                    str(c, "product"), new BigDecimal(str(c, "quantity")), str(c, "uom"),
                    str(c, "producer"), str(c, "origin"), str(c, "contact"),
                    LocalDate.parse(str(c, "issued")), str(c, "basis"),
                    str(c, "test"), inputs));
        }
        List<Step> steps = new ArrayList<>();
        for (JsonNode e : array(r.steps())) {
            steps.add(new Step(java.util.Objects.requireNonNullElse(str(e, "t"), ""), str(e, "s"), str(e, "d"),
                    str(e, "p")));
        }
        String gtin = r.gtin();
        String lot = r.lot();
        return new PublicScan(new PublicView(code, r.productName(), gtin, lot, producer(r.enterpriseId()),
                r.origin(), r.producedOn(), r.status(), "RECALLED".equals(r.status()), r.recallReason(), r.customs(),
                r.inspection(), gtin != null ? DigitalLink.ofLot(gtin, lot).uri(base) : base + "/t/" + code, certs,
                inputs, steps),
                ScanCache.tags(r.id(), code, r.epcClass(), inputIds));
    }

    private static String str(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    private JsonNode array(String text) {
        return text == null ? json.createArrayNode() : json.readTree(text);
    }
}
