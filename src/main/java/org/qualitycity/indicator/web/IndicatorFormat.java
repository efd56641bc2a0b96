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

    IndicatorFormat(MessageSource messages) {
        this.messages = messages;
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }

    /** A value with the indicator's decimals and unit sign. */
    public String value(IndicatorDefinition d, BigDecimal v) {
        if (v == null) {
            return "—";
        }
        int decimals = d == null ? 2 : d.decimals();
        String n = v.setScale(decimals, RoundingMode.HALF_UP).toPlainString();
        return d != null && "PERCENT".equals(d.unit()) && d.factor() != null
                && d.factor().compareTo(BigDecimal.valueOf(100)) == 0 ? n + " %" : n;
    }

    public String number(BigDecimal v) {
        return v == null ? "—" : v.stripTrailingZeros().toPlainString();
    }

    /** "≥ 95", "< 全国平均", "同比增长 ≥ 10 %", "排名 ≤ 5", "累计 ≥ 1（2020-12-31 前）", "定性评定". */
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
