package org.qualitycity.indicator.internal;

import org.qualitycity.indicator.PublicAnalytics;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Optional;

/** {@link PublicAnalytics} through the same query as the public analytics API (approved only). */
@Service
class PublicAnalyticsService implements PublicAnalytics {

    private final AnalyticsService analytics;
    private final Units units;
    private final JdbcClient jdbc;

    PublicAnalyticsService(AnalyticsService analytics, Units units, JdbcClient jdbc) {
        this.analytics = analytics;
        this.units = units;
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Integer> latestApprovedYear() {
        return jdbc.sql("""
                        SELECT max(year) FROM indicator_result
                        WHERE period_type = 'YEAR' AND value IS NOT NULL AND approved AND status <> 'NO_DATA'""")
                .query(Integer.class).list().stream().filter(java.util.Objects::nonNull).findFirst();
    }

    @Override
    public List<Value> approved(List<String> indicators, List<String> periods, List<String> unitCodes) {
        List<Long> ids = unitCodes.stream().map(units::byCode).flatMap(Optional::stream).map(Unit::id).toList();
        var q = new AnalyticsService.Query(indicators, periods, ids);
        return analytics.query(q, true, 0, 10_000).rows().stream()
                .map(r -> new Value(r.indicator(), r.period(), r.unit(), r.value(), r.targetKind(), r.target(), r.status()))
                .toList();
    }
}
