package org.qualitycity.survey.internal;

import org.qualitycity.indicator.ComputedElementProvider;
import org.qualitycity.indicator.Period;
import org.qualitycity.survey.internal.PanelDtos.PanelView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * The assessed indicators' ratings (S3_RATING, G1_NATIONAL_RATING: {@code survey_panel_target}) for the indicator
 * engine: per year the rating rank of the newest panel with a result, at the panel's unit (the city). A year without
 * such a panel supplies nothing, so a rating entered by hand (with its evidence) stays.
 */
@Component
class PanelElements implements ComputedElementProvider {

    private final SurveyPanels panels;
    private final JdbcClient jdbc;

    PanelElements(SurveyPanels panels, JdbcClient jdbc) {
        this.panels = panels;
        this.jdbc = jdbc;
    }

    @Override
    public Set<String> elements() {
        // only the elements some panel assesses: until then the rating is entered by hand (or generated as demo data)
        return Set.copyOf(jdbc.sql("""
                SELECT DISTINCT t.element FROM survey_panel_target t
                WHERE EXISTS (SELECT 1 FROM survey_panel p WHERE p.indicator = t.indicator)""")
                .query(String.class).list());
    }

    @Override
    public List<ElementValue> values(String element, int year) {
        PanelView p = panels.latestWithResult(element, year);
        if (p == null) {
            return List.of();
        }
        long unit = jdbc.sql("SELECT unit_id FROM survey_panel WHERE id = :id").param("id", p.id()).query(Long.class)
                .single();
        return List.of(new ElementValue(unit, Period.year(year), BigDecimal.valueOf(p.ratingRank()), BigDecimal.ZERO));
    }

    @Override
    public String drillDownLink(String element, String unitCode, Period period) {
        PanelView p = panels.latestWithResult(element, period.year());
        return p == null ? null : "/surveys/panels/" + p.id();
    }
}
