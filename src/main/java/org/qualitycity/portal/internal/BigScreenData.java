package org.qualitycity.portal.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.qualitycity.complaint.ComplaintCounts;
import org.qualitycity.indicator.IndicatorResults;
import org.qualitycity.indicator.Period;
import org.qualitycity.indicator.PublicAnalytics;
import org.qualitycity.monitoring.ActiveAlarms;
import org.qualitycity.monitoring.AlarmChanged;
import org.qualitycity.plan.IndicatorDefinition;
import org.qualitycity.plan.PlanInfo;
import org.qualitycity.plan.Plans;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.task.TaskProgress;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The quality office's big screen: the year's results (the office sees values before approval too), the district
 * map of a chosen indicator, the indicators red or at risk, today's complaints per district, the plan's task
 * progress per lead unit, the monitoring alarms active now. Cached for a few seconds per language and indicator: every screen in the building asks
 * the same question.
 */
@Component
public class BigScreenData {

    public record Choice(String code, String name) {
    }

    public record IndicatorLine(String code, String name, String unit, BigDecimal value, BigDecimal target,
                                String status, String statusWord, boolean approved) {
    }

    public record AreaCell(String name, String geoName, String code, BigDecimal value, String status,
                           String statusWord) {
    }

    public record MapData(String indicator, String name, boolean percent, List<AreaCell> areas) {
    }

    public record ComplaintRow(String name, int goods, int services, int total) {
    }

    public record Complaints(LocalDate day, int total, List<ComplaintRow> districts) {
    }

    /** One active alarm of the monitoring module, in the reader's words. */
    public record AlarmRow(long id, String unit, String device, String profile, String rule, String severity,
                           String severityWord, String state, Instant raisedAt) {
    }

    /**
     * The alarms of the monitoring module active now (raised or acknowledged), the most severe first; {@code total}
     * counts all of them, {@code rows} the first {@link #ALARM_ROWS}.
     */
    public record Alarms(boolean available, long total, List<AlarmRow> rows) {
    }

    static final int ALARM_ROWS = 12;

    public record TaskRow(String unit, int tasks, int closed, int overdue, int percent) {
    }

    public record Screen(Instant generatedAt, Integer year, List<Choice> choices, MapData map,
                         List<IndicatorLine> risky, int met, int total, Complaints complaints, Alarms alarms,
                         List<TaskRow> tasks) {
    }

    private final IndicatorResults results;
    private final PublicAnalytics publicAnalytics;
    private final Plans plans;
    private final Units units;
    private final TaskProgress tasks;
    private final ComplaintCounts complaints;
    private final ActiveAlarms alarms;
    private final Clock clock;
    private final Cache<String, Screen> cache = Caffeine.newBuilder().maximumSize(200)
            .expireAfterWrite(Duration.ofSeconds(10)).build();

    BigScreenData(IndicatorResults results, PublicAnalytics publicAnalytics, Plans plans, Units units,
                  TaskProgress tasks, ComplaintCounts complaints, ActiveAlarms alarms, Clock clock) {
        this.results = results;
        this.publicAnalytics = publicAnalytics;
        this.plans = plans;
        this.units = units;
        this.tasks = tasks;
        this.complaints = complaints;
        this.alarms = alarms;
        this.clock = clock;
    }

    /** The screen's data in the request's language; {@code indicator} picks the map's indicator (null: the first). */
    public Screen screen(String indicator) {
        Locale locale = Texts.locale();
        return cache.get(locale.getLanguage() + "|" + indicator, k -> build(indicator, locale));
    }

    private Screen build(String indicator, Locale locale) {
        boolean en = "en".equals(locale.getLanguage());
        LocalDate today = LocalDate.now(clock);
        PlanInfo plan = plans.current();
        Unit city = units.city();
        List<Unit> areas = units.areas();
        List<String> codes = new ArrayList<>();
        codes.add(city.code());
        areas.forEach(a -> codes.add(a.code()));
        int year = today.getYear();
        List<IndicatorResults.Result> rows = results.results(List.of(), codes, List.of(Period.year(year).id()));
        if (rows.stream().noneMatch(r -> r.value() != null)) {
            Integer latest = publicAnalytics.latestApprovedYear().orElse(null);
            if (latest != null) {
                year = latest;
                rows = results.results(List.of(), codes, List.of(Period.year(year).id()));
            }
        }
        Map<String, IndicatorDefinition> defs = new LinkedHashMap<>();
        plans.indicators(plan.id()).forEach(d -> defs.put(d.code(), d));
        Map<String, IndicatorResults.Result> byKey = new HashMap<>();
        rows.forEach(r -> byKey.put(r.indicator() + "|" + r.unitCode(), r));

        List<IndicatorLine> risky = new ArrayList<>();
        int met = 0;
        int total = 0;
        List<Choice> choices = new ArrayList<>();
        for (IndicatorDefinition d : defs.values()) {
            String name = en ? d.nameEn() : (d.shortNameZh() != null ? d.shortNameZh() : d.nameZh());
            var r = byKey.get(d.code() + "|" + city.code());
            if (r != null && r.attainment() != null) {
                String st = r.attainment().name();
                total++;
                if ("MET".equals(st) || "ON_TRACK".equals(st)) {
                    met++;
                }
                if ("NOT_MET".equals(st) || "AT_RISK".equals(st)) {
                    risky.add(new IndicatorLine(d.code(), name, "PERCENT".equals(d.unit()) ? "%" : "", r.value(),
                            r.target(), st, word(st), r.approved()));
                }
            }
            if (areas.stream().anyMatch(a -> byKey.containsKey(d.code() + "|" + a.code())
                    && byKey.get(d.code() + "|" + a.code()).value() != null)) {
                choices.add(new Choice(d.code(), d.code() + " " + name));
            }
        }
        risky.sort((a, b) -> a.status().equals(b.status()) ? 0 : "NOT_MET".equals(a.status()) ? -1 : 1);
        String selected = indicator != null && choices.stream().anyMatch(c -> c.code().equals(indicator)) ? indicator
                : choices.isEmpty() ? null : choices.get(0).code();
        MapData map = null;
        if (selected != null) {
            IndicatorDefinition d = defs.get(selected);
            List<AreaCell> cells = new ArrayList<>();
            for (Unit a : areas) {
                var r = byKey.get(selected + "|" + a.code());
                String st = r == null || r.attainment() == null ? "NO_DATA" : r.attainment().name();
                cells.add(new AreaCell(a.name(locale), a.nameZh(), a.code(), r == null ? null : r.value(), st, word(st)));
            }
            map = new MapData(selected, selected + " " + (en ? d.nameEn() : d.nameZh()), "PERCENT".equals(d.unit()),
                    cells);
        }
        Map<String, Unit> byCode = new HashMap<>();
        units.all().forEach(u -> byCode.put(u.code(), u));
        List<ComplaintRow> crow = complaints.receivedOn(today).stream()
                .map(c -> new ComplaintRow(byCode.containsKey(c.districtCode()) ? byCode.get(c.districtCode()).name(locale)
                        : c.districtCode(), c.goods(), c.services(), c.total())).toList();
        List<TaskRow> trows = tasks.byUnit(plan.id(), today).stream()
                .map(t -> new TaskRow(byCode.containsKey(t.unitCode()) ? byCode.get(t.unitCode()).name(locale)
                        : t.unitCode(), t.tasks(), t.closed(), t.overdue(), t.averagePercent())).toList();
        return new Screen(clock.instant(), year, choices, map, risky, met, total,
                new Complaints(today, crow.stream().mapToInt(ComplaintRow::total).sum(), crow),
                alarms(byCode, locale), trows);
    }

    private Alarms alarms(Map<String, Unit> byCode, Locale locale) {
        List<AlarmRow> rows = alarms.active(ALARM_ROWS).stream()
                .map(a -> new AlarmRow(a.id(), byCode.containsKey(a.unitCode()) ? byCode.get(a.unitCode()).name(locale)
                        : a.unitCode(), a.deviceName(), Texts.msg("monitoring.profile." + a.profile()), a.rule(),
                        a.severity(), Texts.msg("monitoring.severity." + a.severity()), a.state(), a.raisedAt()))
                .toList();
        return new Alarms(true, rows.size() < ALARM_ROWS ? rows.size() : alarms.countActive(), rows);
    }

    /**
     * An alarm raised, acknowledged or cleared shows on the next refresh, not after the cache's seconds (once its
     * transaction has committed; an alarm changed on another node shows within the cache's seconds).
     */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(AlarmChanged e) {
        cache.invalidateAll();
    }

    private static String word(String status) {
        return Texts.msg("indicator.status.symbol." + status) + " " + Texts.msg("indicator.status." + status);
    }
}
