package org.qualitycity.enterprise.internal;

import org.qualitycity.indicator.ComputedElementProvider;
import org.qualitycity.indicator.Period;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * P7: declared standards that adopt an international or advanced foreign standard, valid at year end
 * (declared on or before 31 December), per unit of the enterprise; a yearly value.
 */
@Component
class EnterpriseElements implements ComputedElementProvider {

    static final String P7 = "P7_ADOPTED";

    private final JdbcClient jdbc;

    EnterpriseElements(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<String> elements() {
        return Set.of(P7);
    }

    @Override
    public List<ElementValue> values(String element, int year) {
        if (!P7.equals(element)) {
            return List.of();
        }
        return jdbc.sql("SELECT e.unit_id, count(*), avg(CASE WHEN e.demo THEN 1.0 ELSE 0 END) FROM enterprise_standard s JOIN enterprise e ON e.id = s.enterprise_id "
                        + "WHERE s.kind = 'INTERNATIONAL' AND s.declared_on <= :end GROUP BY e.unit_id")
                .param("end", LocalDate.of(year, 12, 31))
                .query((rs, i) -> new ElementValue(rs.getLong(1), Period.year(year), BigDecimal.valueOf(rs.getLong(2)),
                        rs.getBigDecimal(3)))
                .list();
    }

    /** P7 is this provider's only element: one query whatever is asked. */
    @Override
    public Map<String, List<ElementValue>> values(Collection<String> elements, int year) {
        Map<String, List<ElementValue>> out = new LinkedHashMap<>();
        for (String element : elements) {
            out.put(element, P7.equals(element) ? values(element, year) : List.of());
        }
        return out;
    }

    @Override
    public String drillDownLink(String element, String unitCode, Period period) {
        return P7.equals(element) ? "/enterprises?unit=" + URLEncoder.encode(unitCode, StandardCharsets.UTF_8)
                + "&standard=INTERNATIONAL" : null;
    }
}
