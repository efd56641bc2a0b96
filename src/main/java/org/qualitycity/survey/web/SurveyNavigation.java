package org.qualitycity.survey.web;

import org.qualitycity.platform.NavItem;
import org.qualitycity.platform.Navigation;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
class SurveyNavigation implements Navigation {

    @Override
    public List<NavItem> items() {
        return List.of(new NavItem("survey.nav.group", "survey.nav.surveys", "/surveys", "survey:survey:view", "☺", 700),
                new NavItem("survey.nav.group", "survey.nav.public", "/public/surveys", null, "✎", 710),
                new NavItem("survey.nav.group", "survey.nav.panels", "/surveys/panels", "survey:survey:view", "★", 705),
                new NavItem("survey.nav.group", "survey.nav.peers", "/surveys/peers", "survey:survey:view", "⇅", 706));
    }
}
