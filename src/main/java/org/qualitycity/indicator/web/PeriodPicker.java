package org.qualitycity.indicator.web;

import org.qualitycity.indicator.Period;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.plan.IndicatorDefinition.PeriodType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The period picker of the data-entry and review pages: a year and a part of it (the whole year {@code Y}, a half
 * {@code S1}, a quarter {@code Q3} or a month {@code 07}), offered for the reporting frequencies that exist, instead
 * of typed identifiers; the pages still accept the canonical {@code period=2026Q3}.
 *
 * @param any whether "any year / any period" may be chosen (a filter) or a period is required (a form)
 */
record PeriodPicker(List<Integer> years, Integer year, String part, List<Group> groups, boolean any) {

    /** Options of one frequency. */
    record Group(String label, List<Option> options) {
    }

    record Option(String value, String label) {
    }

    /** The part of a period's identifier after its year, {@code Y} for a year. */
    static String partOf(Period p) {
        return p.type() == PeriodType.YEAR ? "Y" : p.id().substring(4);
    }

    /**
     * The period chosen: the canonical {@code period} when given, else {@code year} with {@code part}; null when
     * neither is given. A bad combination is a 400 naming {@code period}.
     */
    static Period resolve(String period, Integer year, String part) {
        try {
            if (period != null && !period.isBlank()) {
                return Period.parse(period);
            }
            if (year == null) {
                return null;
            }
            if (part == null || part.isBlank()) {
                return null;
            }
            return Period.parse(year + ("Y".equals(part) ? "" : part));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("period", Texts.msg("indicator.period.pattern"));
        }
    }

    static PeriodPicker of(int thisYear, Integer year, String part, Collection<PeriodType> types, boolean any) {
        List<Integer> years = new ArrayList<>();
        for (int y = thisYear + 1; y >= Math.min(2010, thisYear - 10); y--) {
            years.add(y);
        }
        if (year != null && !years.contains(year)) {
            years.add(year);
        }
        List<Group> groups = new ArrayList<>();
        for (PeriodType t : PeriodType.values()) {
            if (!types.contains(t)) {
                continue;
            }
            List<Option> options = new ArrayList<>();
            for (Period p : Period.allOf(t, 2000)) {
                String value = partOf(p);
                String label = switch (t) {
                    case YEAR -> Texts.msg("indicator.picker.wholeYear");
                    case HALF -> Texts.msg("indicator.picker.half." + p.index());
                    case QUARTER -> Texts.msg("indicator.picker.quarter", p.index());
                    case MONTH -> Texts.msg("indicator.picker.month", p.index());
                };
                options.add(new Option(value, label));
            }
            groups.add(new Group(Texts.msg("indicator.periodType." + t.name()), options));
        }
        return new PeriodPicker(years, year, part, groups, any);
    }
}
