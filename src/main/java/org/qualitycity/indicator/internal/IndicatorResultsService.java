package org.qualitycity.indicator.internal;

import org.qualitycity.indicator.Attainment;
import org.qualitycity.indicator.IndicatorResults;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.plan.IndicatorDefinition;
import org.springframework.stereotype.Service;

import java.util.List;

@Service
class IndicatorResultsService implements IndicatorResults {

    private final AnalyticsService analytics;
    private final IndicatorCatalog catalog;
    private final Units units;
    private final RecomputeEngine engine;
    private final ReportingRates reporting;

    IndicatorResultsService(AnalyticsService analytics, IndicatorCatalog catalog, Units units, RecomputeEngine engine,
                            ReportingRates reporting) {
        this.reporting = reporting;
        this.analytics = analytics;
        this.catalog = catalog;
        this.units = units;
        this.engine = engine;
    }

    @Override
    public List<Result> results(List<String> indicators, List<String> unitCodes, List<String> periods) {
        List<String> codes = indicators == null || indicators.isEmpty()
                ? catalog.indicators().stream().map(IndicatorDefinition::code).toList() : indicators;
        List<Long> ids = unitCodes.stream().map(c -> units.byCode(c).map(Unit::id).orElse(-1L)).toList();
        var q = new AnalyticsService.Query(codes, periods, ids);
        return analytics.query(q, false, 0, 100_000).rows().stream()
                .map(r -> new Result(r.indicator(), r.unit(), r.period(), r.value(), r.numerator(), r.denominator(),
                        r.targetKind(), r.target(), Attainment.valueOf(r.status()), r.projection(), r.approved()))
                .toList();
    }

    @Override
    public List<ReportingRate> reporting(int year) {
        return reporting.rates(year);
    }

    @Override
    public void recompute(int year) {
        engine.recomputeYear(year);
    }
}
