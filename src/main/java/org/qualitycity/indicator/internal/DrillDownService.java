package org.qualitycity.indicator.internal;

import org.qualitycity.indicator.ComputedElementProvider;
import org.qualitycity.indicator.Period;
import org.qualitycity.platform.AuditHistory;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.plan.DataElement;
import org.qualitycity.plan.IndicatorDefinition;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;

/**
 * Explains one computed value: the result, the element values that produced it (per contributing
 * unit and sub-period, with their approval state), links to the operational records behind computed
 * elements, and the change history from the audit trail.
 */
@Service
public class DrillDownService {

    public record Explanation(IndicatorDefinition indicator, String unitCode, String unitName, String period,
                              AnalyticsService.Row result, List<ValueService.ValueView> inputs,
                              List<RecordLink> recordLinks, List<History> history) {
    }

    public record RecordLink(String element, String unitCode, String period, String href) {
    }

    public record History(java.time.Instant at, String actor, String action, String valueKey, String comment) {
    }

    private final IndicatorCatalog catalog;
    private final Units units;
    private final AnalyticsService analytics;
    private final ValueRepository values;
    private final ValueService valueService;
    private final List<ComputedElementProvider> providers;
    private final AuditHistory auditHistory;

    DrillDownService(IndicatorCatalog catalog, Units units, AnalyticsService analytics, ValueRepository values,
                     ValueService valueService, List<ComputedElementProvider> providers, AuditHistory auditHistory) {
        this.catalog = catalog;
        this.units = units;
        this.analytics = analytics;
        this.values = values;
        this.valueService = valueService;
        this.providers = providers;
        this.auditHistory = auditHistory;
    }

    public Explanation explain(String indicatorCode, String unitCode, String periodId, CurrentUser user) {
        IndicatorDefinition d = catalog.indicator(indicatorCode).orElseThrow(() -> new NotFoundException("indicator"));
        Unit unit = units.requireVisible(unitCode, user);
        Period period;
        try {
            period = Period.parse(periodId);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("period", org.qualitycity.platform.Texts.msg("indicator.period.pattern"));
        }
        var q = new AnalyticsService.Query(List.of(d.code()), List.of(period.id()), List.of(unit.id()));
        var rows = analytics.query(q, false, 0, 1).rows();
        AnalyticsService.Row result = rows.isEmpty() ? null : rows.get(0);
        var byElement = catalog.indicatorByElement();
        List<String> elementCodes = d.elements().stream().map(DataElement::code).toList();
        List<ValueService.ValueView> inputs = values.contributing(elementCodes, unit.path(), period.start(), period.end())
                .stream().filter(r -> user.scope().covers(r.unitId(), r.unitPath(), null) || r.status().equals("APPROVED")
                        || r.source().equals("COMPUTED"))
                .map(r -> valueService.view(r, byElement)).toList();
        List<RecordLink> links = new ArrayList<>();
        for (ComputedElementProvider p : providers) {
            for (String e : elementCodes) {
                if (p.elements().contains(e)) {
                    String href = p.drillDownLink(e, unit.code(), period);
                    if (href != null) {
                        links.add(new RecordLink(e, unit.code(), period.id(), href));
                    }
                }
            }
        }
        List<String> keys = new ArrayList<>();
        inputs.forEach(v -> keys.add(v.element() + "|" + v.unitCode() + "|" + v.period()));
        List<History> history = auditHistory.history("indicator", "value", keys, "comment", 200).stream()
                .map(e -> new History(e.at(), e.actorName(), e.action(), e.entityId(), e.afterValue())).toList();
        return new Explanation(d, unit.code(), unit.nameZh(), period.id(), result, inputs, links, history);
    }
}
