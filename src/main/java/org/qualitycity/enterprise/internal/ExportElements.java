package org.qualitycity.enterprise.internal;

import org.qualitycity.indicator.ComputedElementProvider;
import org.qualitycity.indicator.Period;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/** P5: notifications of the year per unit of the enterprise, and the unit's export batches of the year (yearly). */
@Component
class ExportElements implements ComputedElementProvider {

    private final JdbcClient jdbc;

    ExportElements(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<String> elements() {
        return Set.of(ExportRecords.P5_NOTIFIED, ExportRecords.P5_EXPORTED);
    }

    @Override
    public List<ElementValue> values(String element, int year) {
        String sql = switch (element) {
            case ExportRecords.P5_NOTIFIED -> "SELECT unit_id, count(*), avg(CASE WHEN demo THEN 1.0 ELSE 0 END) "
                    + "FROM enterprise_export_notification WHERE EXTRACT(YEAR FROM notified_on) = :year GROUP BY unit_id";
            case ExportRecords.P5_EXPORTED -> "SELECT unit_id, batches, CASE WHEN demo THEN 1.0 ELSE 0 END "
                    + "FROM enterprise_export_batches WHERE year = :year";
            default -> null;
        };
        if (sql == null) {
            return List.of();
        }
        return jdbc.sql(sql).param("year", year)
                .query((rs, i) -> new ElementValue(rs.getLong(1), Period.year(year), BigDecimal.valueOf(rs.getLong(2)),
                        rs.getBigDecimal(3)))
                .list();
    }

    @Override
    public String drillDownLink(String element, String unitCode, Period period) {
        return elements().contains(element) ? "/export-notifications?unit=" + URLEncoder.encode(unitCode,
                StandardCharsets.UTF_8) + "&year=" + period.year() : null;
    }
}
