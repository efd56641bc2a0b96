package org.qualitycity.plan.web;

import org.qualitycity.plan.DataElement;
import org.qualitycity.plan.IndicatorDefinition;
import org.qualitycity.plan.TargetRule;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * A target rule in words, in Chinese or English (message keys {@code plan.target.*}): ≥ 95 %, &lt; 全国…平均水平,
 * 同比增长 ≥ 10 %, 排名 ≤ 5, 累计 ≥ 1（2020-12-31 前）, 定性评定（良好及以上）.
 */
@Component
class TargetText {

    private final MessageSource messages;

    TargetText(MessageSource messages) {
        this.messages = messages;
    }

    /**
     * @param levelName the name of a rating level (scale, level code) in the locale, or null
     */
    String render(IndicatorDefinition d, Locale locale, BiFunction<String, String, String> levelName) {
        TargetRule t = d.target();
        String v = number(t.value());
        String unit = unit(d, locale);
        return switch (t.kind()) {
            case GE -> "≥ " + v + unit;
            case LE -> "≤ " + v + unit;
            case EQ -> "= " + v + unit;
            case LT_COMPARATOR -> "< " + comparator(d, locale);
            case YOY_GROWTH_GE -> t.average()
                    ? msg("plan.target.average-growth-ge", locale, v, t.baseYear() == null ? "" : String.valueOf(t.baseYear()))
                    : msg("plan.target.yoy-growth-ge", locale, v);
            case YOY_GROWTH_LT -> t.value() != null && t.value().signum() == 0
                    ? msg("plan.target.yoy-decrease", locale)
                    : msg("plan.target.yoy-growth-lt", locale, v);
            case RANK_LE -> t.among() != null && !"en".equals(locale.getLanguage())
                    ? msg("plan.target.rank-among", locale, v, t.among())
                    : msg("plan.target.rank", locale, v);
            case COUNT_GE -> count(t, v, unit, locale);
            case QUALITATIVE -> {
                String level = t.attainedAt() == null ? null : levelName.apply(t.ratingScale(), t.attainedAt());
                yield level == null ? msg("plan.target.qualitative", locale)
                        : msg("plan.target.qualitative-level", locale, level);
            }
        };
    }

    private String count(TargetRule t, String v, String unit, Locale locale) {
        String each = t.eachOfBreakdown() ? msg("plan.target.each", locale) : "";
        if (t.by() != null) {
            return each + msg("plan.target.count-by", locale, v + unit, t.by().toString());
        }
        if (t.perEvery() != null && t.perUnit() != null) {
            String period = t.perEvery() == 1
                    ? msg("plan.target.per." + t.perUnit(), locale)
                    : msg("plan.target.per-n." + t.perUnit(), locale, String.valueOf(t.perEvery()));
            return each + msg("plan.target.count-per", locale, period, v + unit);
        }
        return each + "≥ " + v + unit;
    }

    private String comparator(IndicatorDefinition d, Locale locale) {
        DataElement c = d.comparator();
        if (c == null) {
            return d.target().comparator();
        }
        return "en".equals(locale.getLanguage()) ? c.nameEn() : c.nameZh();
    }

    /** The unit after the number (%, 分, 项 …); nothing for ranks and ratings. */
    private String unit(IndicatorDefinition d, Locale locale) {
        if (d.unit() == null) {
            return "";
        }
        boolean en = "en".equals(locale.getLanguage());
        return switch (d.unit()) {
            case "PERCENT" -> " %";
            case "RANK", "RATING" -> "";
            default -> {
                if (!en && d.unitZh() != null && !d.unitZh().isBlank()) {
                    yield " " + d.unitZh();
                }
                String key = "plan.unit." + d.unit();
                String s = messages.getMessage(key, null, "", locale);
                yield s == null || s.isBlank() ? "" : " " + s;
            }
        };
    }

    static String number(BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }

    private String msg(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
