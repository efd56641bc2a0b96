package org.qualitycity.indicator.internal;

import org.qualitycity.indicator.Period;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.DataScope;
import org.qualitycity.platform.ListSql;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The analytics query: indicator × period × unit → value, numerator, denominator, target, status.
 * Dimensions as in DHIS2: {@code dx=P2;W2a}, {@code pe=2018;2018Q2;THIS_YEAR;LAST_4_QUARTERS},
 * {@code ou=<unit code>;LEVEL-2;CHILDREN-<city code>}. Reads the computed results, in the caller's scope.
 */
@Service
public class AnalyticsService {

    /** One row of the analytics answer. */
    public record Row(String indicator, String period, String unit, String unitName, BigDecimal value,
                      BigDecimal numerator, BigDecimal denominator, String targetKind, BigDecimal target,
                      String status, BigDecimal projection, String projectionMethod, boolean approved,
                      ComparedWith comparedWith, BigDecimal demoShare) {

        /** Whether demo records are behind the value (the demo badge per value). */
        public boolean demo() {
            return demoShare != null && demoShare.signum() > 0;
        }
    }

    /**
     * What the status was compared with (shown beside every status).
     *
     * @param kind           TARGET, TARGET_AND_RISING, COMPARATOR, PREVIOUS_YEAR, BASE_YEAR, RUNNING_TOTAL,
     *                       WINDOW_TOTAL, EACH_MEMBER or RATING
     * @param reference      the figure compared with: the target, the comparator (P5's national average), the
     *                       previous or base year's value
     * @param measure        what was held against the target where it is not the value: running or window total,
     *                       growth in percent
     * @param span           dates or years behind {@code measure} (2017-03-01/2020-12-31, 2019/2020, 2016)
     * @param missingMembers breakdown members that have not reached the target (each-sector targets)
     */
    public record ComparedWith(String kind, BigDecimal reference, BigDecimal measure, String span,
                               List<String> missingMembers) {
    }

    public record Page(List<Row> rows, int page, int size, long total) {
    }

    /** A parsed query. */
    public record Query(List<String> indicators, List<String> periods, List<Long> unitIds) {
    }

    private final JdbcClient jdbc;
    private final Units units;
    private final IndicatorCatalog catalog;
    private final Clock clock;

    AnalyticsService(JdbcClient jdbc, Units units, IndicatorCatalog catalog, Clock clock) {
        this.jdbc = jdbc;
        this.units = units;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Parses dx/pe/ou; unknown items are a 400 naming the dimension. Units outside {@code scope} are dropped. */
    public Query parse(String dx, String pe, String ou, DataScope scope) {
        List<String> problems = new ArrayList<>();
        Set<String> known = new LinkedHashSet<>();
        catalog.indicators().forEach(d -> known.add(d.code()));
        Map<String, List<String>> groups = new HashMap<>();
        catalog.indicators().forEach(d -> {
            if (d.groupCode() != null) {
                groups.computeIfAbsent(d.groupCode(), g -> new ArrayList<>()).add(d.code());
            }
        });
        List<String> indicators = new ArrayList<>();
        for (String code : split(dx, "dx")) {
            if (known.contains(code)) {
                indicators.add(code);
            } else if (groups.containsKey(code)) {
                indicators.addAll(groups.get(code));
            } else {
                throw new ValidationException("dx", Texts.msg("indicator.error.unknown-indicator", code));
            }
        }
        List<String> periods = new ArrayList<>();
        for (String p : split(pe, "pe")) {
            periods.addAll(relative(p).stream().map(Period::id).toList());
        }
        List<Long> unitIds = new ArrayList<>();
        List<Unit> all = units.all();
        for (String o : split(ou, "ou")) {
            if (o.startsWith("LEVEL-")) {
                int level = parseInt(o.substring(6), "ou");
                all.stream().filter(u -> u.level() == level).forEach(u -> unitIds.add(u.id()));
            } else if (o.startsWith("CHILDREN-")) {
                Unit parent = units.byCode(o.substring(9)).orElseThrow(() ->
                        new ValidationException("ou", Texts.msg("error.unknown-unit", o.substring(9))));
                all.stream().filter(u -> parent.id() == (u.parentId() == null ? -1 : u.parentId()))
                        .forEach(u -> unitIds.add(u.id()));
            } else {
                unitIds.add(units.byCode(o).orElseThrow(() -> new ValidationException("ou", Texts.msg("error.unknown-unit", o))).id());
            }
        }
        Map<Long, Unit> byId = new HashMap<>();
        all.forEach(u -> byId.put(u.id(), u));
        List<Long> visible = unitIds.stream().distinct()
                .filter(id -> scope.covers(id, byId.get(id).path(), null)).toList();
        return new Query(indicators.stream().distinct().toList(), periods.stream().distinct().toList(), visible);
    }

    private static List<String> split(String s, String field) {
        if (s == null || s.isBlank()) {
            throw new ValidationException(field, Texts.msg("indicator.error.items-required"));
        }
        List<String> items = new ArrayList<>();
        for (String part : s.split(";")) {
            if (!part.isBlank()) {
                items.add(part.trim());
            }
        }
        if (items.size() > 200) {
            throw new ValidationException(field, Texts.msg("indicator.error.at-most-items", 200));
        }
        return items;
    }

    private static int parseInt(String s, String field) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new ValidationException(field, Texts.msg("indicator.error.not-a-number", s));
        }
    }

    /** Fixed period ids, or relative periods against today's date. */
    List<Period> relative(String p) {
        LocalDate today = LocalDate.now(clock);
        var y = today.getYear();
        return switch (p) {
            case "THIS_YEAR" -> List.of(Period.year(y));
            case "LAST_YEAR" -> List.of(Period.year(y - 1));
            case "THIS_QUARTER" -> List.of(Period.containing(org.qualitycity.plan.IndicatorDefinition.PeriodType.QUARTER, today));
            case "THIS_MONTH" -> List.of(Period.containing(org.qualitycity.plan.IndicatorDefinition.PeriodType.MONTH, today));
            case "LAST_4_QUARTERS" -> lastN(org.qualitycity.plan.IndicatorDefinition.PeriodType.QUARTER, today, 4);
            case "LAST_12_MONTHS" -> lastN(org.qualitycity.plan.IndicatorDefinition.PeriodType.MONTH, today, 12);
            case "LAST_5_YEARS" -> lastN(org.qualitycity.plan.IndicatorDefinition.PeriodType.YEAR, today, 5);
            default -> {
                try {
                    yield List.of(Period.parse(p));
                } catch (IllegalArgumentException e) {
                    throw new ValidationException("pe", Texts.msg("indicator.error.period-relative"));
                }
            }
        };
    }

    /** The n complete periods before the one containing today, oldest first. */
    private static List<Period> lastN(org.qualitycity.plan.IndicatorDefinition.PeriodType type, LocalDate today, int n) {
        List<Period> list = new ArrayList<>();
        Period p = Period.containing(type, today).previous();
        for (int i = 0; i < n; i++) {
            list.add(0, p);
            p = p.previous();
        }
        return list;
    }

    /**
     * The latest year whose annual results carry a value for one of the given units (the dashboard's default
     * period: a quarter would hide the annual indicators), empty when there is none.
     */
    public java.util.Optional<Integer> latestYearWithData(List<Long> unitIds) {
        return jdbc.sql("""
                        SELECT max(year) FROM indicator_result
                        WHERE period_type = 'YEAR' AND value IS NOT NULL AND unit_id = ANY(CAST(:ou AS bigint[]))""")
                .param("ou", unitIds.toArray(Long[]::new))
                .query(Integer.class).list().stream().filter(java.util.Objects::nonNull).findFirst();
    }

    public Page query(Query q, boolean approvedOnly, int page, int size) {
        ListSql list = ListSql.from("FROM indicator_result r JOIN platform_unit u ON u.id = r.unit_id")
                .where("r.indicator_code = ANY(CAST(:dx AS text[])) AND r.period = ANY(CAST(:pe AS text[]))"
                        + " AND r.unit_id = ANY(CAST(:ou AS bigint[]))")
                .param("dx", q.indicators().toArray(String[]::new))
                .param("pe", q.periods().toArray(String[]::new))
                .param("ou", q.unitIds().toArray(Long[]::new))
                .when(approvedOnly, "r.approved AND r.status <> 'NO_DATA'")
                .orderBy("r.indicator_code, r.period, u.level, u.sort_order");
        long total = list.count(jdbc);
        List<Row> rows = list.rows(jdbc, ROW_COLUMNS + " FROM indicator_result r JOIN platform_unit u ON u.id = r.unit_id",
                AnalyticsService::row, size, (long) page * size);
        return new Page(rows, page, size, total);
    }

    /** Values that are red or at risk, newest period first, in the caller's scope. */
    public Page warnings(int year, String area, String unitCode, String status, String periodType, DataScope scope,
                         int page, int size) {
        List<String> codes = catalog.indicators().stream().filter(d -> area == null || area.equals(d.area()))
                .map(org.qualitycity.plan.IndicatorDefinition::code).toList();
        String from = " FROM indicator_result r JOIN platform_unit u ON u.id = r.unit_id";
        ListSql list = ListSql.from(from)
                .where("r.year = :year AND r.indicator_code = ANY(CAST(:codes AS text[]))"
                        + " AND r.status = ANY(CAST(:statuses AS text[])) AND u.kind IN ('CITY', 'DISTRICT', 'ZONE')")
                .param("year", year)
                .param("codes", codes.toArray(String[]::new))
                .param("statuses", status == null ? new String[]{"NOT_MET", "AT_RISK"} : new String[]{status})
                .scope(scope, "r.unit_id", null)
                .filter("u.code = :unitCode", "unitCode", unitCode)
                .equal("r.period_type", "periodType", periodType)
                .orderBy("""
                        r.status DESC, r.indicator_code, u.level, u.sort_order,
                        CASE r.period_type WHEN 'YEAR' THEN 0 WHEN 'HALF' THEN 1 WHEN 'QUARTER' THEN 2 ELSE 3 END,
                        r.period DESC""");
        long total = list.count(jdbc);
        List<Row> rows = list.rows(jdbc, ROW_COLUMNS + from, AnalyticsService::row, size, (long) page * size);
        return new Page(rows, page, size, total);
    }

    private static final String ROW_COLUMNS = """
            SELECT r.indicator_code, r.period, u.code, u.name_zh, r.value, r.numerator, r.denominator,
                   r.target_kind, r.target_value, r.status, r.projection, r.projection_method, r.approved,
                   r.basis_kind, r.basis_value, r.basis_measure, r.basis_span, r.missing_members, r.demo_share
            """;

    private static Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), round(rs.getBigDecimal(5)),
                rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getString(8), rs.getBigDecimal(9), rs.getString(10),
                round(rs.getBigDecimal(11)), rs.getString(12), rs.getBoolean(13),
                rs.getString(14) == null ? null : new ComparedWith(rs.getString(14), round(rs.getBigDecimal(15)),
                        round(rs.getBigDecimal(16)), rs.getString(17), members(rs.getArray(18))),
                round(rs.getBigDecimal(19)));
    }

    private static List<String> members(java.sql.Array a) throws java.sql.SQLException {
        return a == null ? null : List.of((String[]) a.getArray());
    }

    private static BigDecimal round(BigDecimal v) {
        return v == null ? null : v.setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
    }
}
