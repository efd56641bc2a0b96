package org.qualitycity.indicator.internal;

import org.qualitycity.indicator.Attainment;
import org.qualitycity.indicator.ComputedDataChanged;
import org.qualitycity.jobs.JobHandler;
import org.qualitycity.jobs.JobProgress;
import org.qualitycity.notification.Notice;
import org.qualitycity.notification.Notifications;
import org.qualitycity.platform.CurrentUser;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * How the indicator engine is driven: a recompute job with progress (whole years), incremental
 * recomputes when a providing module reports changed records, and inbox notices to a unit when one
 * of its current-year values turns red or at risk.
 */
@Component
class IndicatorJobsAndEvents implements JobHandler {

    static final String KIND = "indicator-recompute";

    private final RecomputeEngine engine;
    private final IndicatorCatalog catalog;
    private final Notifications notifications;
    private final Clock clock;

    IndicatorJobsAndEvents(RecomputeEngine engine, IndicatorCatalog catalog, Notifications notifications, Clock clock) {
        this.engine = engine;
        this.catalog = catalog;
        this.notifications = notifications;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean submittableBy(CurrentUser user) {
        return user.can("indicator:result:recompute");
    }

    /** Params: {"year": 2018} for one year, or {} for every year that has data. */
    @Override
    public Object run(JsonNode params, JobProgress progress) {
        if (params != null && params.has("year")) {
            int year = params.get("year").asInt();
            progress.update(5, "正在重新计算 " + year + " 年 / recomputing " + year);
            var summary = engine.recomputeYear(year);
            progress.update(100, summary.results() + " results");
            return summary;
        }
        progress.update(1, "正在重新计算全部年度 / recomputing every year");
        List<RecomputeEngine.Summary> done = engine.recomputeAll(p ->
                progress.update(Math.max(1, 100 * p[0] / p[1]), p[0] + "/" + p[1] + " 年 / years"));
        return Map.of("years", done.size(), "results", done.stream().mapToInt(RecomputeEngine.Summary::results).sum(),
                "millis", done.stream().mapToLong(RecomputeEngine.Summary::millis).sum());
    }

    /** A providing module changed records behind some elements: recompute the affected indicators. */
    @ApplicationModuleListener
    void on(ComputedDataChanged event) {
        for (int year : event.years()) {
            engine.recomputeElements(year, event.elements());
        }
    }

    /** A unit's value turned red or at risk in the current year: tell the unit. */
    @EventListener
    void on(RecomputeEngine.StatusChanged change) {
        if (!change.period().startsWith(String.valueOf(LocalDate.now(clock).getYear()))) {
            return;
        }
        var d = catalog.indicator(change.indicatorCode()).orElse(null);
        String name = d == null ? change.indicatorCode() : change.indicatorCode() + " " + d.nameZh();
        String link = "/indicators/value/" + change.indicatorCode() + "/" + change.unitCode() + "/" + change.period();
        Notice notice = change.to() == Attainment.NOT_MET
                ? Notice.alert("indicator", name + " 未达标 / not met (" + change.period() + ")",
                "该指标在 " + change.period() + " 未达到目标。The value misses its target.", link)
                : Notice.warn("indicator", name + " 有风险 / at risk (" + change.period() + ")",
                "按目前进度预计年末无法达标。At the current pace it will miss its target at year end.", link);
        notifications.toUnit(change.unitId(), notice);
    }
}
