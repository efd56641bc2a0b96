package org.qualitycity.indicator.internal;

import org.qualitycity.indicator.Attainment;
import org.qualitycity.indicator.ComputedDataChanged;
import org.qualitycity.jobs.JobHandler;
import org.qualitycity.jobs.JobProgress;
import org.qualitycity.notification.Notice;
import org.qualitycity.notification.Notifications;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.Text;
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
            progress.update(5, Text.of("indicator.job.recompute.year", year));
            var summary = engine.recomputeYear(year);
            progress.update(100, Text.of("indicator.job.recompute.results", summary.results()));
            return summary;
        }
        progress.update(1, Text.of("indicator.job.recompute.all"));
        List<RecomputeEngine.Summary> done = engine.recomputeAll(p ->
                progress.update(Math.max(1, 100 * p[0] / p[1]), Text.of("indicator.job.recompute.years", p[0], p[1])));
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
        Object name = d == null ? change.indicatorCode() : new Text.Names(change.indicatorCode() + " " + d.nameZh(),
                change.indicatorCode() + " " + (d.nameEn() == null ? d.nameZh() : d.nameEn()));
        String link = "/indicators/value/" + change.indicatorCode() + "/" + change.unitCode() + "/" + change.period();
        Notice notice = change.to() == Attainment.NOT_MET
                ? Notice.alert("indicator", Text.of("indicator.message.not-met.title", name, change.period()),
                Text.of("indicator.message.not-met.body", change.period()), link)
                : Notice.warn("indicator", Text.of("indicator.message.at-risk.title", name, change.period()),
                Text.of("indicator.message.at-risk.body", change.period()), link);
        notifications.toUnit(change.unitId(), notice);
    }
}
