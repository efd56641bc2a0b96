package org.qualitycity.enterprise.internal;

import org.qualitycity.indicator.ComputedElementProvider;
import org.qualitycity.indicator.Period;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * P6 (required (enterprise, category) pairs and those covered by a valid licence or certificate) and P8 (enterprises
 * producing without a standard), per unit of the enterprise, as snapshots at the end of each quarter (the current
 * quarter: today; quarters not begun: none). The rules are {@link ProductCatalogue}'s.
 */
@Component
class ProductElements implements ComputedElementProvider {

    private final JdbcClient jdbc;
    private final Clock clock;

    ProductElements(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Set<String> elements() {
        return Set.of(ProductCatalogue.P6_COVERED, ProductCatalogue.P6_REQUIRED, ProductCatalogue.P8);
    }

    @Override
    public List<ElementValue> values(String element, int year) {
        LocalDate today = LocalDate.now(clock);
        List<ElementValue> out = new ArrayList<>();
        for (int quarter = 1; quarter <= 4; quarter++) {
            Period q = Period.parse(year + "Q" + quarter);
            if (q.start().isAfter(today)) {
                continue;
            }
            LocalDate d = q.end().isAfter(today) ? today : q.end();
            // every unit with an active enterprise making something on d gets a row, zero included: a stock that
            // fell to zero must not leave an earlier quarter's figure as the year's
            String pairs = """
                    WITH r AS (
                        SELECT DISTINCT e.id AS enterprise_id, e.unit_id, e.demo, p.category_code,
                               EXISTS (SELECT 1 FROM enterprise_licence_catalogue c WHERE c.category_code = p.category_code
                                       AND c.effective_from <= :d AND (c.effective_to IS NULL OR c.effective_to >= :d)) AS required
                        FROM enterprise e
                        JOIN enterprise_product p ON p.enterprise_id = e.id AND p.since <= :d
                             AND (p.until IS NULL OR p.until >= :d)
                        WHERE e.status = 'ACTIVE')
                    """;
            String sql = switch (element) {
                case ProductCatalogue.P6_REQUIRED -> pairs + "SELECT r.unit_id, count(*) FILTER (WHERE r.required), "
                        + "avg(CASE WHEN r.demo THEN 1.0 ELSE 0 END) FROM r GROUP BY r.unit_id";
                case ProductCatalogue.P6_COVERED -> pairs + "SELECT r.unit_id, count(*) FILTER (WHERE r.required AND "
                        + ProductCatalogue.COVERED + "), avg(CASE WHEN r.demo THEN 1.0 ELSE 0 END) FROM r GROUP BY r.unit_id";
                case ProductCatalogue.P8 -> pairs + "SELECT r.unit_id, count(DISTINCT r.enterprise_id) FILTER (WHERE NOT EXISTS ("
                        + "SELECT 1 FROM enterprise_standard s WHERE s.enterprise_id = r.enterprise_id "
                        + "AND s.category_code = r.category_code AND s.declared_on <= :d)), "
                        + "avg(CASE WHEN r.demo THEN 1.0 ELSE 0 END) FROM r GROUP BY r.unit_id";
                default -> null;
            };
            if (sql == null) {
                return List.of();
            }
            out.addAll(jdbc.sql(sql).param("d", d)
                    .query((rs, i) -> new ElementValue(rs.getLong(1), q, BigDecimal.valueOf(rs.getLong(2)), rs.getBigDecimal(3)))
                    .list());
        }
        return out;
    }

    @Override
    public String drillDownLink(String element, String unitCode, Period period) {
        String unit = URLEncoder.encode(unitCode, StandardCharsets.UTF_8);
        LocalDate today = LocalDate.now(clock);
        LocalDate d = period.end().isAfter(today) ? today : period.end();
        return switch (element) {
            case ProductCatalogue.P6_COVERED, ProductCatalogue.P6_REQUIRED -> "/licence-catalogue/uncovered?unit=" + unit + "&date=" + d;
            case ProductCatalogue.P8 -> "/licence-catalogue/without-standards?unit=" + unit + "&date=" + d;
            default -> null;
        };
    }
}
