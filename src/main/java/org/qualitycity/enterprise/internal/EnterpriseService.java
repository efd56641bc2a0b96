package org.qualitycity.enterprise.internal;

import jakarta.validation.constraints.NotBlank;
import org.qualitycity.platform.Text;
import org.qualitycity.platform.Texts;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.qualitycity.enterprise.CreditCode;
import org.qualitycity.enterprise.EnterpriseRef;
import org.qualitycity.enterprise.EnterpriseScope;
import org.qualitycity.enterprise.Enterprises;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.ListSql;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.PageResult;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The enterprise register: create, list, detail, link enterprise users; the data scope of enterprise records. */
@Service
public class EnterpriseService implements Enterprises {

    public static final Set<String> SIZES = Set.of("LARGE", "MEDIUM", "SMALL", "MICRO");
    public static final Set<String> STATUSES = Set.of("ACTIVE", "SUSPENDED", "CANCELLED", "REVOKED");

    /** A new enterprise; sizes LARGE/MEDIUM/SMALL/MICRO, status ACTIVE (default)/SUSPENDED/CANCELLED/REVOKED. */
    public record NewEnterprise(@NotBlank @Size(max = 18) String creditCode,
                                @NotBlank @Size(max = 200) String name,
                                @NotBlank @Size(max = 100) String legalRepresentative,
                                @Size(max = 300) String address,
                                @NotBlank @Size(max = 32) String unitCode,
                                @NotBlank @Pattern(regexp = "[A-T]?\\d{2,4}", message = "{enterprise.error.a-gb-t-4754-industry-code}") String industry,
                                @NotBlank @Pattern(regexp = "LARGE|MEDIUM|SMALL|MICRO", message = "{enterprise.error.large-medium-small-or-micro}") String size,
                                @Pattern(regexp = "ACTIVE|SUSPENDED|CANCELLED|REVOKED", message = "{enterprise.error.active-suspended-cancelled-or-revoked}") String status,
                                @Size(max = 100) String contactName,
                                @Size(max = 32) @Pattern(regexp = "[0-9+\\- ]*", message = "{enterprise.error.digits-and}") String contactPhone) {
    }

    public record EnterpriseView(long id, String creditCode, String name, String legalRepresentative, String address,
                                 String unitCode, String unitName, String industry, String size, String status,
                                 String contactName, String contactPhone, boolean demo) {
    }

    public record LicenceView(long id, String kind, String number, String productScope, LocalDate validFrom,
                              LocalDate validTo, String categoryCode) {
    }

    public record StandardView(long id, String product, String kind, String standardNo, LocalDate declaredOn,
                               String categoryCode) {
    }

    private static final String SELECT = """
            SELECT e.id, e.credit_code, e.name, e.legal_rep, e.address, u.code AS unit_code, u.name_zh AS unit_name,
                   e.industry, e.size, e.status, e.contact_name, e.contact_phone, e.demo
            FROM enterprise e JOIN platform_unit u ON u.id = e.unit_id
            """;
    private static final Map<String, String> SORTS = Map.of("name", "e.name", "creditCode", "e.credit_code",
            "unit", "u.sort_order", "industry", "e.industry", "status", "e.status");

    private final JdbcClient jdbc;
    private final Units units;
    private final AuditLog audit;
    private final org.springframework.context.ApplicationEventPublisher events;

    private final org.qualitycity.platform.UserDirectory userDirectory;
    private final org.qualitycity.platform.PersonalData personalData;
    private final java.time.Clock clock;

    EnterpriseService(JdbcClient jdbc, Units units, AuditLog audit,
                      org.springframework.context.ApplicationEventPublisher events,
                      org.qualitycity.platform.UserDirectory userDirectory,
                      org.qualitycity.platform.PersonalData personalData, java.time.Clock clock) {
        this.clock = clock;
        this.personalData = personalData;
        this.userDirectory = userDirectory;
        this.events = events;
        this.jdbc = jdbc;
        this.units = units;
        this.audit = audit;
    }

    /** Maps a row of {@link #SELECT}; the contact phone is stored encrypted and decrypted here. */
    EnterpriseView map(ResultSet rs, int i) throws SQLException {
        return new EnterpriseView(rs.getLong("id"), rs.getString("credit_code"), rs.getString("name"),
                rs.getString("legal_rep"), rs.getString("address"), rs.getString("unit_code"),
                rs.getString("unit_name"), rs.getString("industry"), rs.getString("size"), rs.getString("status"),
                rs.getString("contact_name"), personalData.decrypt(rs.getString("contact_phone")), rs.getBoolean("demo"));
    }

    // ------------------------------------------------------------------ scope

    @Override
    public Optional<Long> linkedEnterprise(long userId) {
        return jdbc.sql("SELECT enterprise_id FROM enterprise_user WHERE user_id = :u").param("u", userId)
                .query(Long.class).optional();
    }

    /** The module name under which a role may give the register a scope of its own (issue 14). */
    static final String MODULE = "enterprise";

    @Override
    public List<Long> linkedUsers(long enterpriseId) {
        return jdbc.sql("SELECT user_id FROM enterprise_user WHERE enterprise_id = :e ORDER BY user_id")
                .param("e", enterpriseId).query(Long.class).list();
    }

    @Override
    public EnterpriseScope scope(CurrentUser user) {
        return scope(user, MODULE);
    }

    @Override
    public EnterpriseScope scope(CurrentUser user, String module) {
        if (user.roles().contains("ENTERPRISE") && user.scopeKind() == org.qualitycity.platform.DataScope.Kind.SELF) {
            return EnterpriseScope.ofEnterprise(linkedEnterprise(user.id()).orElse(-1L));
        }
        return EnterpriseScope.ofUnits(user.scope(module));
    }

    @Override
    public EnterpriseRef requireVisible(String creditCode, CurrentUser user) {
        return ref("e.credit_code = :key", creditCode, user);
    }

    @Override
    public EnterpriseRef requireVisible(long id, CurrentUser user) {
        return ref("e.id = :key", id, user);
    }

    private EnterpriseRef ref(String where, Object key, CurrentUser user) {
        EnterpriseScope scope = scope(user);
        return jdbc.sql("SELECT e.id, e.credit_code, e.name, e.unit_id, u.code, u.name_zh FROM enterprise e "
                        + "JOIN platform_unit u ON u.id = e.unit_id WHERE " + where + " AND "
                        + scope.predicate("e.id", "e.unit_id"))
                .param("key", key).params(scope.params())
                .query((rs, i) -> new EnterpriseRef(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6)))
                .optional().orElseThrow(() -> new NotFoundException("enterprise " + key));
    }

    @Override
    public Optional<EnterpriseRef> byId(long id) {
        return jdbc.sql("SELECT e.id, e.credit_code, e.name, e.unit_id, u.code, u.name_zh FROM enterprise e "
                        + "JOIN platform_unit u ON u.id = e.unit_id WHERE e.id = :id").param("id", id)
                .query((rs, i) -> new EnterpriseRef(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6))).optional();
    }

    @Override
    public Optional<EnterpriseRef> byCreditCode(String creditCode) {
        return jdbc.sql("SELECT e.id, e.credit_code, e.name, e.unit_id, u.code, u.name_zh FROM enterprise e "
                        + "JOIN platform_unit u ON u.id = e.unit_id WHERE e.credit_code = :c")
                .param("c", creditCode == null ? "" : creditCode.trim())
                .query((rs, i) -> new EnterpriseRef(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6))).optional();
    }

    @Override
    public List<EnterpriseRef> active(java.util.Collection<String> industryPrefixes, boolean demoOnly, int limit) {
        if (industryPrefixes.isEmpty() || limit <= 0) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT e.id, e.credit_code, e.name, e.unit_id, u.code, u.name_zh FROM enterprise e
                        JOIN platform_unit u ON u.id = e.unit_id
                        WHERE e.status = 'ACTIVE' AND (e.demo OR NOT CAST(:demoOnly AS boolean))
                          AND EXISTS (SELECT 1 FROM unnest(CAST(:prefixes AS varchar[])) p
                                      WHERE starts_with(e.industry, p))
                        ORDER BY e.id LIMIT :limit""")
                .param("demoOnly", demoOnly).param("prefixes", industryPrefixes.toArray(String[]::new))
                .param("limit", limit)
                .query((rs, i) -> new EnterpriseRef(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6))).list();
    }

    @Override
    public List<EnterpriseRef> firstOfEachArea(int limit) {
        return jdbc.sql("""
                        SELECT f.id, f.credit_code, f.name, f.unit_id, u.code, u.name_zh
                        FROM (SELECT DISTINCT ON (e.unit_id) e.id, e.credit_code, e.name, e.unit_id FROM enterprise e
                              ORDER BY e.unit_id, e.id) f
                        JOIN platform_unit u ON u.id = f.unit_id
                        ORDER BY f.id LIMIT :limit""")
                .param("limit", Math.max(0, limit))
                .query((rs, i) -> new EnterpriseRef(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6))).list();
    }

    // ------------------------------------------------------------------ reads

    public PageResult<EnterpriseView> list(CurrentUser user, String text, String unitCode, ListQuery q) {
        return list(user, text, unitCode, null, q);
    }

    /** As above; {@code standardKind}: only enterprises that declared a standard of this kind (e.g. INTERNATIONAL). */
    public PageResult<EnterpriseView> list(CurrentUser user, String text, String unitCode, String standardKind,
                                           ListQuery q) {
        String unitPath = unitCode == null || unitCode.isBlank() ? null : units.requireVisible(unitCode, user, MODULE).path();
        return ListSql.from("FROM enterprise e JOIN platform_unit u ON u.id = e.unit_id")
                .where(scope(user).predicate("e.id", "e.unit_id"), scope(user).params())
                .contains("text", text, "e.name", "e.credit_code")
                .startsWith("u.path", "unitPath", unitPath)
                .filter("EXISTS (SELECT 1 FROM enterprise_standard st WHERE st.enterprise_id = e.id AND st.kind = :std)",
                        "std", standardKind)
                .orderBy(q, SORTS, "name", "e.id")
                .page(jdbc, SELECT, this::map, q);
    }

    public EnterpriseView get(String creditCode, CurrentUser user) {
        EnterpriseRef ref = requireVisible(creditCode, user);
        return jdbc.sql(SELECT + " WHERE e.id = :id").param("id", ref.id()).query(this::map).single();
    }

    public List<LicenceView> licences(long enterpriseId) {
        return jdbc.sql("SELECT id, kind, number, product_scope, valid_from, valid_to, category_code FROM enterprise_licence "
                        + "WHERE enterprise_id = :id ORDER BY valid_from, id").param("id", enterpriseId)
                .query((rs, i) -> new LicenceView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class), rs.getString(7))).list();
    }

    public List<StandardView> standards(long enterpriseId) {
        return jdbc.sql("SELECT id, product, kind, standard_no, declared_on, category_code FROM enterprise_standard "
                        + "WHERE enterprise_id = :id ORDER BY declared_on, id").param("id", enterpriseId)
                .query((rs, i) -> new StandardView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, LocalDate.class), rs.getString(6))).list();
    }

    String encryptPhone(String phone) {
        return personalData.encrypt(phone);
    }

    String phoneHash(String phone) {
        return personalData.phoneHash(phone);
    }

    // ------------------------------------------------------------------ writes

    /** Problems of one new enterprise (field → message), without touching the database. */
    List<ValidationException.FieldProblem> problems(NewEnterprise e, String prefix) {
        List<ValidationException.FieldProblem> list = new ArrayList<>();
        Text codeProblem = CreditCode.problem(e.creditCode() == null ? null : e.creditCode().trim());
        if (codeProblem != null) {
            list.add(new ValidationException.FieldProblem(prefix + "creditCode", Texts.render(codeProblem)));
        }
        return list;
    }

    @Transactional
    public EnterpriseView create(NewEnterprise e, CurrentUser user) {
        var problems = problems(e, "");
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        Unit unit = unitFor(e.unitCode(), user, "unitCode");
        String code = e.creditCode().trim();
        if (exists(code)) {
            throw new ValidationException("creditCode", Texts.msg("enterprise.error.already-registered", code));
        }
        long id = insert(e, unit.id(), user.id(), false);
        EnterpriseView view = jdbc.sql(SELECT + " WHERE e.id = :id").param("id", id).query(this::map)
                .single();
        // the audit trail holds no plaintext phone number
        audit.record("enterprise", "enterprise", code, unit.id(), "CREATE", null,
                new EnterpriseView(view.id(), view.creditCode(), view.name(), view.legalRepresentative(), view.address(),
                        view.unitCode(), view.unitName(), view.industry(), view.size(), view.status(),
                        view.contactName(), org.qualitycity.platform.PersonalData.maskPhone(view.contactPhone()),
                        view.demo()));
        return view;
    }

    Unit unitFor(String unitCode, CurrentUser user, String field) {
        Unit unit = units.byCode(unitCode == null ? "" : unitCode.trim())
                .orElseThrow(() -> new ValidationException(field, Texts.msg("enterprise.error.unknown-unit", unitCode)));
        if (!units.isVisible(unit.id(), user)) {
            throw new ValidationException(field, Texts.msg("enterprise.error.the-unit-is-outside-your-data", unitCode));
        }
        return unit;
    }

    boolean exists(String code) {
        return jdbc.sql("SELECT count(*) FROM enterprise WHERE credit_code = :c").param("c", code)
                .query(Long.class).single() > 0;
    }

    long insert(NewEnterprise e, long unitId, Long createdBy, boolean demo) {
        return jdbc.sql("""
                        INSERT INTO enterprise (credit_code, name, legal_rep, address, unit_id, industry, size, status,
                                                contact_name, contact_phone, contact_phone_hash, demo, created_by)
                        VALUES (:code, :name, :rep, :address, :unit, :industry, :size, :status, :cn, :cp, :cph, :demo,
                                :by)
                        RETURNING id""")
                .param("code", e.creditCode().trim()).param("name", e.name().trim())
                .param("rep", e.legalRepresentative().trim()).param("address", e.address())
                .param("unit", unitId).param("industry", e.industry().trim()).param("size", e.size())
                .param("status", e.status() == null || e.status().isBlank() ? "ACTIVE" : e.status())
                .param("cn", e.contactName()).param("cp", personalData.encrypt(e.contactPhone()))
                .param("cph", personalData.phoneHash(e.contactPhone())).param("demo", demo)
                .param("by", createdBy).query(Long.class).single();
    }

    /** Links a user to the enterprise (the user then sees only this enterprise's records when its role is ENTERPRISE). */
    @Transactional
    public void linkUser(String creditCode, String username, CurrentUser user) {
        EnterpriseRef ref = requireVisible(creditCode, user);
        Long userId = userDirectory.idByUsername(username)
                .orElseThrow(() -> new ValidationException("username", Texts.msg("enterprise.error.unknown-user", username)));
        Optional<Long> before = linkedEnterprise(userId);
        if (before.isPresent() && before.get() != ref.id()) {
            throw new ConflictException(Texts.msg("enterprise.error.user-linked-elsewhere", username));
        }
        jdbc.sql("INSERT INTO enterprise_user (user_id, enterprise_id) VALUES (:u, :e) ON CONFLICT DO NOTHING")
                .param("u", userId).param("e", ref.id()).update();
        audit.record("enterprise", "enterprise-user", userId, ref.unitId(), "LINK", null,
                Map.of("username", username, "creditCode", creditCode));
    }

    public record NewLicence(@NotBlank @Pattern(regexp = "PRODUCTION_LICENCE|CCC") String kind,
                             @NotBlank @Size(max = 60) String number, @NotBlank @Size(max = 300) String productScope,
                             @jakarta.validation.constraints.NotNull LocalDate validFrom,
                             @jakarta.validation.constraints.NotNull LocalDate validTo,
                             @Size(max = 20) String categoryCode) {

        /** A licence without a product category (not counted by P6). */
        public NewLicence(String kind, String number, String productScope, LocalDate validFrom, LocalDate validTo) {
            this(kind, number, productScope, validFrom, validTo, null);
        }
    }

    /** The category code if it names a product category, null if blank; otherwise a 400 on categoryCode. */
    private String category(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        if (!jdbc.sql("SELECT EXISTS (SELECT 1 FROM enterprise_product_category WHERE code = :c)").param("c", code.trim())
                .query(Boolean.class).single()) {
            throw new ValidationException("categoryCode", Texts.msg("enterprise.catalogue.error.no-category", code));
        }
        return code.trim();
    }

    private void productRecordsChanged(LocalDate from) {
        java.util.Set<Integer> years = new java.util.TreeSet<>();
        for (int y = from.getYear(); y <= Math.max(from.getYear(), LocalDate.now(clock).getYear()); y++) {
            years.add(y);
        }
        events.publishEvent(new org.qualitycity.indicator.ComputedDataChanged(java.util.Set.of(ProductCatalogue.P6_COVERED,
                ProductCatalogue.P6_REQUIRED, ProductCatalogue.P8), years));
    }

    @Transactional
    public LicenceView addLicence(String creditCode, NewLicence l, CurrentUser user) {
        EnterpriseRef ref = requireVisible(creditCode, user);
        if (l.validTo().isBefore(l.validFrom())) {
            throw new ValidationException("validTo", Texts.msg("enterprise.error.must-not-be-before-validfrom"));
        }
        String category = category(l.categoryCode());
        long id = jdbc.sql("INSERT INTO enterprise_licence (enterprise_id, kind, number, product_scope, valid_from, valid_to, "
                        + "category_code) VALUES (:e, :k, :n, :s, :f, :t, :c) RETURNING id").param("e", ref.id()).param("k", l.kind())
                .param("n", l.number()).param("s", l.productScope()).param("f", l.validFrom()).param("t", l.validTo())
                .param("c", category).query(Long.class).single();
        LicenceView v = new LicenceView(id, l.kind(), l.number(), l.productScope(), l.validFrom(), l.validTo(), category);
        audit.record("enterprise", "licence", id, ref.unitId(), "CREATE", null, v);
        if (category != null) {
            productRecordsChanged(l.validFrom());
        }
        return v;
    }

    public record NewStandard(@NotBlank @Size(max = 200) String product,
                              @NotBlank @Pattern(regexp = "NATIONAL|INDUSTRY|LOCAL|GROUP|ENTERPRISE|INTERNATIONAL") String kind,
                              @NotBlank @Size(max = 60) String standardNo,
                              @jakarta.validation.constraints.NotNull LocalDate declaredOn,
                              @Size(max = 20) String categoryCode) {

        /** A standard without a product category (P8 looks for standards by category). */
        public NewStandard(String product, String kind, String standardNo, LocalDate declaredOn) {
            this(product, kind, standardNo, declaredOn, null);
        }
    }

    @Transactional
    public StandardView addStandard(String creditCode, NewStandard s, CurrentUser user) {
        EnterpriseRef ref = requireVisible(creditCode, user);
        String category = category(s.categoryCode());
        long id = jdbc.sql("INSERT INTO enterprise_standard (enterprise_id, product, kind, standard_no, declared_on, category_code) "
                        + "VALUES (:e, :p, :k, :n, :d, :c) RETURNING id").param("e", ref.id()).param("p", s.product())
                .param("k", s.kind()).param("n", s.standardNo()).param("d", s.declaredOn()).param("c", category)
                .query(Long.class).single();
        StandardView v = new StandardView(id, s.product(), s.kind(), s.standardNo(), s.declaredOn(), category);
        audit.record("enterprise", "standard", id, ref.unitId(), "CREATE", null, v);
        if (category != null) {
            productRecordsChanged(s.declaredOn());
        }
        if (s.kind().equals("INTERNATIONAL")) {
            // the count at every year end from the declaration on changes
            java.util.Set<Integer> years = new java.util.TreeSet<>();
            for (int y = s.declaredOn().getYear(); y <= Math.max(s.declaredOn().getYear(), LocalDate.now(clock).getYear()); y++) {
                years.add(y);
            }
            events.publishEvent(new org.qualitycity.indicator.ComputedDataChanged(java.util.Set.of(EnterpriseElements.P7), years));
        }
        return v;
    }
}
