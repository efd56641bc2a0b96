package org.qualitycity.complaint.internal;

import org.qualitycity.complaint.ComplaintCounts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;

/** {@link ComplaintCounts} over {@code complaint_case}. */
@Component
class ComplaintCountQueries implements ComplaintCounts {

    private final JdbcClient jdbc;

    ComplaintCountQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<DistrictDay> receivedOn(LocalDate day) {
        return jdbc.sql("""
                        SELECT u.code, count(*) FILTER (WHERE c.category = 'GOODS'),
                               count(*) FILTER (WHERE c.category = 'SERVICES')
                        FROM complaint_case c JOIN platform_unit u ON u.id = c.district_unit_id
                        WHERE c.received_on = :day
                        GROUP BY u.code, u.sort_order ORDER BY u.sort_order, u.code""")
                .param("day", day)
                .query((rs, i) -> new DistrictDay(rs.getString(1), rs.getInt(2), rs.getInt(3))).list();
    }
}
