package org.qualitycity.plan.web;

import org.qualitycity.plan.IndicatorDefinition;
import org.qualitycity.plan.internal.PlanModel;
import org.qualitycity.plan.internal.PlanSnapshot;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.springframework.stereotype.Component;

import java.util.Locale;

/** What pages and the API show of a plan: unit names from the register, targets in words. */
@Component
class PlanPresenter {

    static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
    static final Locale EN = Locale.ENGLISH;

    private final Units units;
    private final TargetText targets;

    PlanPresenter(Units units, TargetText targets) {
        this.units = units;
        this.targets = targets;
    }

    PlanViews.PlanView view(PlanSnapshot s) {
        return PlanViews.PlanView.of(s, i -> new PlanViews.TargetSummary(target(s, i, ZH), target(s, i, EN)),
                code -> unitName(code, ZH));
    }

    String target(PlanSnapshot s, IndicatorDefinition i, Locale locale) {
        return targets.render(i, locale, (scale, level) -> s.ratingScales().stream()
                .filter(r -> r.code().equals(scale)).flatMap(r -> r.levels().stream())
                .filter(l -> l.code().equals(level)).findFirst()
                .map(l -> en(locale) && l.nameEn() != null ? l.nameEn() : l.nameZh()).orElse(null));
    }

    /** The unit's name in the register (Chinese or English), or the code itself if it is unknown. */
    String unitName(String code, Locale locale) {
        if (code == null) {
            return null;
        }
        return units.byCode(code).map(u -> u.name(locale)).orElse(code);
    }

    Units units() {
        return units;
    }

    static boolean en(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage());
    }

    /** The plan's goal of an area, if the plan states one. */
    static PlanModel.Goal goal(PlanSnapshot s, String area) {
        return s.goals().stream().filter(g -> g.area().equals(area)).findFirst().orElse(null);
    }

    static String name(Unit u, Locale locale) {
        return u.name(locale);
    }
}
