package org.qualitycity.credit.internal;

import org.qualitycity.credit.CreditLookup;
import org.qualitycity.enterprise.EnterpriseRef;
import org.qualitycity.platform.ListSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;

/** {@link CreditLookup}: the register searched by code or name, the grade as today's rules give it. */
@Component
class PublicCreditLookup implements CreditLookup {

    private final JdbcClient jdbc;
    private final CreditService credit;

    PublicCreditLookup(JdbcClient jdbc, CreditService credit) {
        this.jdbc = jdbc;
        this.credit = credit;
    }

    @Override
    public List<Entry> lookup(String q, int limit) {
        String text = q.strip();
        List<EnterpriseRef> found = jdbc.sql("""
                        SELECT e.id, e.credit_code, e.name, e.unit_id, u.code, u.name_zh
                        FROM enterprise e JOIN platform_unit u ON u.id = e.unit_id
                        WHERE e.credit_code = :code OR e.name LIKE :pattern""" + ListSql.ESCAPE_CLAUSE + """

                        ORDER BY (e.credit_code = :code) DESC, e.name, e.id LIMIT :limit""")
                .param("code", text.toUpperCase(Locale.ROOT))
                .param("pattern", ListSql.containsPattern(text))
                .param("limit", limit)
                .query((rs, i) -> new EnterpriseRef(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6))).list();
        var published = credit.publicList();
        return found.stream().map(e -> {
            var grade = credit.grade(e);
            List<Listing> listings = published.stream().filter(b -> b.creditCode().equals(e.creditCode()))
                    .map(b -> new Listing(b.decisionNo(), b.reason(), b.listedOn(), b.until())).toList();
            return new Entry(e.creditCode(), e.name(), e.unitCode(), grade.grade(), grade.asOf(), listings);
        }).toList();
    }
}
