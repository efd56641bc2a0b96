package org.qualitycity.portal.web;

import jakarta.servlet.http.HttpServletRequest;
import org.qualitycity.platform.PublicHome;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Units;
import org.qualitycity.portal.internal.HotTopics;
import org.qualitycity.portal.internal.PortalFigures;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The portal's home page: what an anonymous visitor of {@code /} sees. */
@Component
class PortalHome implements PublicHome {

    private final PortalFigures figures;
    private final HotTopics topics;
    private final Units units;
    private final String mapUrl;

    PortalHome(PortalFigures figures, HotTopics topics, Units units, @Value("${qc.city.map}") String mapUrl) {
        this.figures = figures;
        this.topics = topics;
        this.units = units;
        this.mapUrl = mapUrl;
    }

    @Override
    public String home(HttpServletRequest request, Model model, Locale locale) {
        String indicator = request.getParameter("indicator");
        var f = figures.figures();
        var mapped = f.mapped();
        String selected = indicator != null && mapped.stream().anyMatch(m -> m.code().equals(indicator)) ? indicator
                : mapped.isEmpty() ? null : mapped.get(0).code();
        model.addAttribute("f", f);
        model.addAttribute("selected", selected);
        model.addAttribute("mapUrl", mapUrl);
        model.addAttribute("mapData", selected == null ? Map.of() : mapData(f, selected, locale));
        model.addAttribute("topics", topics.published(5));
        model.addAttribute("cityName", units.city().name(locale));
        return "portal/home";
    }

    private static Map<String, Object> mapData(PortalFigures.Figures f, String code, Locale locale) {
        boolean en = "en".equals(locale.getLanguage());
        var fig = f.figure(code);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("indicator", code);
        data.put("percent", fig != null && fig.percent());
        Map<String, String> words = new LinkedHashMap<>();
        for (String st : List.of("MET", "ON_TRACK", "AT_RISK", "NOT_MET", "NO_DATA", "PENDING_ASSESSMENT")) {
            words.put(st, Texts.msg("indicator.status.symbol." + st) + " " + Texts.msg("indicator.status." + st));
        }
        data.put("statusWords", words);
        List<Map<String, Object>> areas = new ArrayList<>();
        for (var a : f.areas().get(code)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", en ? a.nameEn() : a.nameZh());
            m.put("geoName", a.nameZh());
            m.put("value", a.value());
            m.put("status", a.status());
            areas.add(m);
        }
        data.put("map", areas);
        return data;
    }
}
