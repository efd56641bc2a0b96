package org.qualitycity.indicator.internal;

import org.qualitycity.calendar.DueNotes;
import org.qualitycity.calendar.WorkingDayCalendar;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.DataScope;
import org.qualitycity.platform.Text;
import org.qualitycity.platform.WorkbenchSource;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The indicators' part of the workbench: the values a unit still owes with their deadlines in working days, the
 * values waiting for approval, and the indicators that miss or are projected to miss their target this year.
 */
@Component
class IndicatorWorkbench implements WorkbenchSource {

    private final ReportingRates reporting;
    private final ValueService values;
    private final AnalyticsService analytics;
    private final IndicatorCatalog catalog;
    private final WorkingDayCalendar calendar;
    private final org.qualitycity.platform.Units units;

    IndicatorWorkbench(ReportingRates reporting, ValueService values, AnalyticsService analytics,
                       IndicatorCatalog catalog, WorkingDayCalendar calendar, org.qualitycity.platform.Units units) {
        this.units = units;
        this.reporting = reporting;
        this.values = values;
        this.analytics = analytics;
        this.catalog = catalog;
        this.calendar = calendar;
    }

    @Override
    public List<Queue> queues(CurrentUser user, LocalDate today) {
        if (user.scopeKind() == DataScope.Kind.SELF) {
            return List.of();
        }
        List<Queue> queues = new ArrayList<>();
        if (user.can("indicator:value:enter")) {
            List<ReportingRates.Owed> owed = reporting.owedBy(user.unitCode(), today);
            List<Item> items = owed.stream().limit(TOP).map(o -> DueNotes.item(calendar,
                    Text.of("indicator.workbench.owedItem", new Text.Names(o.element().nameZh(), o.element().nameEn()),
                            new Text.Names(o.about().nameZh(), o.about().nameEn()), o.period().id()),
                    "/indicators/entry?unitCode=" + o.about().code() + "&period=" + o.period().id(), today, o.deadline()))
                    .toList();
            queues.add(new Queue(Text.of("indicator.workbench.owed", owed.size()), owed.size(), "/indicators/entry",
                    "/indicators/entry", WorkbenchSource.urgencyOf(items, today), items));
        }
        if (user.can("indicator:value:approve")) {
            long waiting = values.count(user, null, null, null, "SUBMITTED");
            List<Item> items = values.search(user, null, null, null, "SUBMITTED", TOP, 0).stream()
                    .map(v -> new Item(Text.of("indicator.workbench.owedItem", v.elementName(), v.unitName(), v.period()),
                            "/indicators/review?unitCode=" + v.unitCode() + "&period=" + v.period()
                                    + (v.indicator() == null ? "" : "&indicator=" + v.indicator()), null, null, false))
                    .toList();
            queues.add(new Queue(Text.of("indicator.workbench.review", waiting), waiting, "/indicators/review",
                    "/indicators/review", Urgency.OPEN, items));
        }
        if (user.can("indicator:value:view")) {
            var page = analytics.warnings(today.getYear(), null, null, null, "YEAR", user.scope(), 0, TOP);
            var names = catalog.indicators().stream().collect(java.util.stream.Collectors.toMap(
                    org.qualitycity.plan.IndicatorDefinition::code, d -> new Text.Names(d.nameZh(), d.nameEn())));
            List<Item> items = page.rows().stream()
                    .map(r -> new Item(Text.of("indicator.workbench.warningItem", names.getOrDefault(r.indicator(),
                                    new Text.Names(r.indicator(), r.indicator())),
                            // the unit in the reader's language (issue 12)
                            units.byCode(r.unit()).map(u -> (Object) new Text.Names(u.nameZh(), u.nameEn()))
                                    .orElse(r.unitName()),
                            Text.of("indicator.status." + r.status())),
                            "/indicators/value/" + r.indicator() + "/" + r.unit() + "/" + r.period(), null, null,
                            "NOT_MET".equals(r.status())))
                    .toList();
            boolean red = items.stream().anyMatch(Item::overdue);
            queues.add(new Queue(Text.of("indicator.workbench.warnings", page.total()), page.total(),
                    "/indicators/warnings?year=" + today.getYear(), "/indicators/warnings",
                    red ? Urgency.OVERDUE : Urgency.DUE_SOON, items));
        }
        return queues;
    }

}
