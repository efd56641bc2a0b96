package org.qualitycity.indicator.web;

import org.qualitycity.plan.IndicatorDefinition;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Formatting of indicator values, targets and projection methods for pages (model attribute {@code fmt}). */
@Component
public class IndicatorFormat {

    private final MessageSource messages;
    private final org.qualitycity.plan.Plans plans;

    private final org.qualitycity.platform.Units units;

    IndicatorFormat(MessageSource messages, org.qualitycity.plan.Plans plans, org.qualitycity.platform.Units units) {
        this.units = units;
        this.messages = messages;
        this.plans = plans;
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }

    /** A value with the indicator's decimals and unit sign. */
    public String value(IndicatorDefinition d, BigDecimal v) {
        if (v == null) {
            return "—";
        }
        String level = ratingLevel(d, v);
        if (level != null) {
            return level;
        }
        int decimals = d == null ? 2 : d.decimals();
        String n = v.setScale(decimals, RoundingMode.HALF_UP).toPlainString();
        return d != null && "PERCENT".equals(d.unit()) && d.factor() != null
                && d.factor().compareTo(BigDecimal.valueOf(100)) == 0 ? n + " %" : n;
    }

    /**
     * A qualitative value (stored as the rank of a level of the plan's rating scale: 1 = the best) by the level's
     * name in the page's language (e.g. "Good" in English), not its rank; null when the value is not a rating.
     */
    public String ratingLevel(IndicatorDefinition d, BigDecimal v) {
        if (d == null || v == null || d.target() == null || d.target().ratingScale() == null
                || d.target().kind() != org.qualitycity.plan.TargetRule.Kind.QUALITATIVE
                || v.stripTrailingZeros().scale() > 0) {
            return null;
        }
        boolean en = "en".equals(LocaleContextHolder.getLocale().getLanguage());
        return plans.ratingLevelNames(plans.current().id(), d.target().ratingScale(), v.intValue())
                .map(n -> en && n[1] != null ? n[1] : n[0]).orElse(null);
    }

    /** A period by its name in the page's language: 2026Q3 → "2026 Q3" in English, the Chinese form in Chinese. */
    public String period(String id) {
        if (id == null) {
            return "";
        }
        try {
            org.qualitycity.indicator.Period p = org.qualitycity.indicator.Period.parse(id);
            String year = String.valueOf(p.year());
            return msg("indicator.periodLabel." + p.type().name(), year, p.index(), String.format("%02d", p.index()));
        } catch (IllegalArgumentException e) {
            return id;
        }
    }

    /** A data element's name in the page's language (its code when the plan does not know it). */
    public String elementName(String code) {
        boolean en = "en".equals(LocaleContextHolder.getLocale().getLanguage());
        for (IndicatorDefinition d : plans.indicators(plans.current().id())) {
            for (org.qualitycity.plan.DataElement e : d.elements()) {
                if (e.code().equals(code)) {
                    return en && e.nameEn() != null ? e.nameEn() : e.nameZh();
                }
            }
        }
        return code;
    }

    /** An audited value's key (element, unit and period joined by bars) as element name · unit name · period. */
    public String valueKey(String key) {
        if (key == null) {
            return "";
        }
        String[] p = key.split("\\|");
        if (p.length != 3) {
            return key;
        }
        java.util.Locale l = LocaleContextHolder.getLocale();
        String unit = units.byCode(p[1]).map(u -> u.name(l)).orElse(p[1]);
        return elementName(p[0]) + " · " + unit + " · " + period(p[2]);
    }

    public String number(BigDecimal v) {
        return v == null ? "—" : v.stripTrailingZeros().toPlainString();
    }

    /** The target as read, e.g. "≥ 95", "< national average", "growth ≥ 10 % year on year", "rank ≤ 5", "cumulative ≥ 1 (by 2020-12-31)", "qualitative" (in the reader's language). */
    public String target(IndicatorDefinition d, String kind, BigDecimal value) {
        if (kind == null) {
            return "—";
        }
        String v = value == null ? "" : value.stripTrailingZeros().toPlainString();
        return switch (kind) {
            case "GE" -> "≥ " + v;
            case "LE" -> "≤ " + v;
            case "EQ" -> "= " + v;
            case "LT_COMPARATOR" -> msg("indicator.target.comparator");
            case "YOY_GROWTH_GE" -> msg("indicator.target.growthGe", v);
            case "YOY_GROWTH_LT" -> msg("indicator.target.growthLt", v);
            case "RANK_LE" -> msg("indicator.target.rank", v);
            case "COUNT_GE" -> d != null && d.target() != null && d.target().by() != null
                    ? msg("indicator.target.countBy", v, d.target().by().toString()) : msg("indicator.target.count", v);
            case "QUALITATIVE" -> msg("indicator.target.qualitative");
            default -> kind;
        };
    }

    /**
     * What a status was compared with, as a sentence: the target, P5's national average, the previous year,
     * the running total to the due date, the window's count, the sectors still missing, the projection.
     */
    public String comparedWith(IndicatorDefinition d, org.qualitycity.indicator.internal.AnalyticsService.Row r) {
        if (r == null) {
            return "";
        }
        var c = r.comparedWith();
        String target = target(d, r.targetKind(), r.target());
        if (c == null || c.kind() == null) {
            return r.targetKind() == null ? msg("indicator.compared.none") : msg("indicator.compared.TARGET", target);
        }
        String[] span = c.span() == null ? new String[]{"", ""} : c.span().split("/");
        String from = span[0];
        String to = span.length > 1 ? span[1] : span[0];
        String text = switch (c.kind()) {
            case "TARGET" -> msg("indicator.compared.TARGET", target);
            case "TARGET_AND_RISING" -> c.reference() == null ? msg("indicator.compared.TARGET_AND_RISING.first", target)
                    : msg("indicator.compared.TARGET_AND_RISING", target, value(d, c.reference()), to);
            case "COMPARATOR" -> msg("indicator.compared.COMPARATOR", d == null || d.comparator() == null ? ""
                    : ("en".equals(LocaleContextHolder.getLocale().getLanguage()) ? d.comparator().nameEn()
                    : d.comparator().nameZh()), c.reference() == null ? "—" : number(c.reference()));
            case "PREVIOUS_YEAR" -> msg("indicator.compared.PREVIOUS_YEAR", to, value(d, c.reference()),
                    percent(c.measure()), target);
            case "BASE_YEAR" -> msg("indicator.compared.BASE_YEAR", to, value(d, c.reference()), percent(c.measure()),
                    target);
            case "RUNNING_TOTAL" -> msg("indicator.compared.RUNNING_TOTAL", number(zeroIfNull(c.measure())), from, to,
                    target);
            case "EACH_MEMBER" -> msg("indicator.compared.EACH_MEMBER", number(zeroIfNull(c.measure())), from, to,
                    target, d == null || d.breakdown() == null ? "" : d.breakdown().dimension())
                    + (c.missingMembers() == null || c.missingMembers().isEmpty() ? ""
                    : " " + msg("indicator.compared.missing", String.join(msg("list.separator"), c.missingMembers())));
            case "WINDOW_TOTAL" -> from.equals(to) ? msg("indicator.compared.WINDOW_TOTAL.year",
                    number(zeroIfNull(c.measure())), from, target)
                    : msg("indicator.compared.WINDOW_TOTAL", number(zeroIfNull(c.measure())), from, to, target);
            case "RATING" -> msg("indicator.compared.RATING", target, c.reference() == null ? "—" : number(c.reference()));
            default -> c.kind();
        };
        if ("AT_RISK".equals(r.status()) && r.projection() != null) {
            text = text + " " + msg("indicator.compared.projection", value(d, r.projection()));
        }
        return text;
    }

    /** "100 % demo data": the share of demo records behind a value. */
    public String demoShare(BigDecimal share) {
        return share == null ? "" : msg("indicator.demoShare",
                share.multiply(BigDecimal.valueOf(100)).setScale(0, RoundingMode.HALF_UP).toPlainString());
    }

    private static BigDecimal zeroIfNull(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }

    private static String percent(BigDecimal v) {
        return v == null ? "—" : v.setScale(1, RoundingMode.HALF_UP).toPlainString() + " %";
    }

    /** "RATE_RECENT:3/4" → a sentence. */
    public String method(String method) {
        if (method == null) {
            return "";
        }
        String[] parts = method.split(":");
        String[] ln = parts.length > 1 ? parts[1].split("/") : new String[]{"", ""};
        return msg("indicator.method." + parts[0], ln[0], ln.length > 1 ? ln[1] : "");
    }

    /** The short name where the plan has one (matrix rows), else the name. */
    public String shortName(IndicatorDefinition d) {
        if (d != null && !"en".equals(LocaleContextHolder.getLocale().getLanguage()) && d.shortNameZh() != null) {
            return d.shortNameZh();
        }
        return name(d);
    }

    public String name(IndicatorDefinition d) {
        if (d == null) {
            return "";
        }
        return "en".equals(LocaleContextHolder.getLocale().getLanguage()) ? d.nameEn() : d.nameZh();
    }
}
