package org.qualitycity.survey.web;

import jakarta.servlet.http.HttpServletRequest;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.Units;
import org.qualitycity.survey.internal.Dtos.AnswerIn;
import org.qualitycity.survey.internal.Dtos.Interview;
import org.qualitycity.survey.internal.Dtos.NewPeerScore;
import org.qualitycity.survey.internal.Dtos.SurveyView;
import org.qualitycity.survey.internal.Dtos.Weight;
import org.qualitycity.survey.internal.PeerComparison;
import org.qualitycity.survey.internal.QrCodes;
import org.qualitycity.survey.internal.SurveyIndex;
import org.qualitycity.survey.internal.SurveyService;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The city office's pages: surveys, and a survey's design, results with intervals, matrix, answers and QR code. */
@Controller
class SurveyPageController {

    private final SurveyService service;
    private final SurveyIndex index;
    private final PeerComparison peers;
    private final Clock clock;
    private final Units units;

    SurveyPageController(SurveyService service, SurveyIndex index, PeerComparison peers, Clock clock, Units units) {
        this.service = service;
        this.index = index;
        this.peers = peers;
        this.clock = clock;
        this.units = units;
    }

    @GetMapping("/surveys")
    @PreAuthorize("hasAuthority('survey:survey:view')")
    String list(@RequestParam(required = false) Integer year, @RequestParam(required = false) String indicator,
                @RequestParam(required = false) String district, Model model) {
        String ind = indicator == null || indicator.isBlank() ? null : indicator;
        model.addAttribute("surveys", service.list(Security.currentUser(), year, ind));
        model.addAttribute("year", year);
        model.addAttribute("indicator", ind);
        model.addAttribute("district", district);
        return "survey/list";
    }

    @GetMapping("/surveys/{id:\\d+}")
    @PreAuthorize("hasAuthority('survey:survey:view')")
    String detail(@PathVariable long id, @RequestParam(required = false) String district,
                  @RequestParam(required = false) String sector, Model model) {
        CurrentUser user = Security.currentUser();
        SurveyView s = service.get(id, user);
        model.addAttribute("survey", s);
        model.addAttribute("overall", index.results(id, "all", user).rows());
        model.addAttribute("byDistrict", index.results(id, "district", user).rows());
        model.addAttribute("bySector", index.results(id, "sector", user).rows());
        model.addAttribute("matrix", index.matrix(id, user));
        model.addAttribute("sheets", service.sheets(id, district, sector, user));
        model.addAttribute("district", district);
        model.addAttribute("sector", sector);
        model.addAttribute("canEdit", user.can("survey:survey:edit"));
        model.addAttribute("canEnter", user.can("survey:answer:enter"));
        return "survey/detail";
    }

    /** The interviewer's entry page: a telephone or face-to-face interview, the interviewer and the call's outcome. */
    @GetMapping("/surveys/{id:\\d+}/interview")
    @PreAuthorize("hasAuthority('survey:answer:enter')")
    String interviewForm(@PathVariable long id, Model model) {
        SurveyView s = service.get(id, Security.currentUser());
        model.addAttribute("survey", s);
        java.util.Locale locale = Texts.locale();
        Map<String, String> districts = new java.util.LinkedHashMap<>();
        Map<String, String> sectors = new java.util.LinkedHashMap<>();
        if (s.strata().isEmpty()) {
            units.areas().forEach(u -> districts.put(u.code(), u.name(locale)));
            service.sectors().forEach(c -> sectors.put(c.code(), c.name(locale)));
        } else {
            s.strata().forEach(st -> {
                districts.put(st.districtCode(), st.districtName());
                sectors.put(st.sectorCode(), st.sectorName());
            });
        }
        model.addAttribute("districts", districts);
        model.addAttribute("sectors", sectors);
        model.addAttribute("outcomes", List.of("COMPLETED", "REFUSED", "NO_ANSWER", "BUSY", "CALL_BACK"));
        return "survey/interview";
    }

    /** Fields: channel, interviewer, callOutcome, districtCode, sectorCode and q_{code} per question. */
    @PostMapping("/surveys/{id:\\d+}/interview")
    @PreAuthorize("hasAuthority('survey:answer:enter')")
    String interview(@PathVariable long id, @RequestParam Map<String, String> form, RedirectAttributes flash) {
        CurrentUser user = Security.currentUser();
        SurveyView s = service.get(id, user);
        try {
            List<AnswerIn> answers = new ArrayList<>();
            for (var q : s.questions()) {
                String v = form.get("q_" + q.code());
                if (v == null || v.isBlank()) {
                    continue;
                }
                switch (q.kind()) {
                    case "SCALE" -> {
                        try {
                            answers.add(new AnswerIn(q.code(), Integer.valueOf(v.trim()), null, null));
                        } catch (NumberFormatException e) {
                            throw new ValidationException("q_" + q.code(), Texts.msg("error.not-a-number"));
                        }
                    }
                    case "SINGLE", "MULTIPLE" -> answers.add(new AnswerIn(q.code(), null, List.of(v), null));
                    default -> answers.add(new AnswerIn(q.code(), null, null, v));
                }
            }
            String interviewer = form.getOrDefault("interviewer", "");
            if (interviewer.isBlank() || interviewer.length() > 100) {
                throw new ValidationException("interviewer", Texts.msg("error.required"));
            }
            var receipt = service.interview(id, new Interview(form.get("channel"), interviewer, form.get("callOutcome"),
                    form.get("districtCode"), form.get("sectorCode"), answers), user);
            flash.addFlashAttribute("saved", receipt.score() == null ? "—" : String.format("%.2f", receipt.score()));
            flash.addFlashAttribute("interviewer", interviewer);
        } catch (ValidationException e) {
            flash.addFlashAttribute("error", e.problems().stream().map(p -> p.field() + ": " + p.message())
                    .collect(java.util.stream.Collectors.joining("; ")));
        }
        return "redirect:/surveys/" + id + "/interview";
    }

    /** The weights form of the survey page: fields w_{LATENT}; blank counts as 0. */
    @PostMapping("/surveys/{id:\\d+}/weights")
    @PreAuthorize("hasAuthority('survey:survey:edit')")
    String weights(@PathVariable long id, @RequestParam Map<String, String> form, RedirectAttributes flash) {
        try {
            List<Weight> weights = new ArrayList<>();
            for (var e : form.entrySet()) {
                if (!e.getKey().startsWith("w_")) {
                    continue;
                }
                String v = e.getValue() == null || e.getValue().isBlank() ? "0" : e.getValue().trim();
                try {
                    weights.add(new Weight(e.getKey().substring(2), Double.valueOf(v)));
                } catch (NumberFormatException x) {
                    throw new ValidationException(e.getKey(), Texts.msg("error.not-a-number"));
                }
            }
            service.updateWeights(id, weights, Security.currentUser());
            flash.addFlashAttribute("weightsSaved", true);
        } catch (ValidationException e) {
            flash.addFlashAttribute("weightsError", e.problems().stream().map(p -> p.field() + ": " + p.message())
                    .collect(java.util.stream.Collectors.joining("; ")));
        }
        return "redirect:/surveys/" + id;
    }

    /**
     * Comparison with similar cities (plan 4.(7).4 and 4.(12).4): per indicator of the year the city's index, the
     * published scores of other cities with their source, the city's rank and whether it is among the leaders.
     */
    @GetMapping("/surveys/peers")
    @PreAuthorize("hasAuthority('survey:survey:view')")
    String peers(@RequestParam(required = false) Integer year, Model model) {
        int y = year == null || year < 2000 || year > 2100 ? LocalDate.now(clock).getYear() - 1 : year;
        model.addAttribute("year", y);
        model.addAttribute("comparisons", peers.indicatorsInOrder().stream().map(i -> peers.compare(y, i)).toList());
        model.addAttribute("canEdit", Security.currentUser().can("survey:survey:edit"));
        return "survey/peers";
    }

    @PostMapping("/surveys/peers")
    @PreAuthorize("hasAuthority('survey:survey:edit')")
    String addPeer(@RequestParam(required = false) Integer year, @RequestParam(required = false) String indicator,
                   @RequestParam(required = false) String city, @RequestParam(required = false) String score,
                   @RequestParam(required = false) String source, RedirectAttributes flash) {
        try {
            Double value;
            try {
                value = score == null || score.isBlank() ? null : Double.valueOf(score.trim());
            } catch (NumberFormatException e) {
                throw new ValidationException("score", Texts.msg("error.not-a-number"));
            }
            if (year == null) {
                throw new ValidationException("year", Texts.msg("error.required"));
            }
            if (city == null || city.isBlank()) {
                throw new ValidationException("city", Texts.msg("error.required"));
            }
            if (source == null || source.isBlank()) {
                throw new ValidationException("source", Texts.msg("error.required"));
            }
            if (value == null || value < 0 || value > 100) {
                throw new ValidationException("score", Texts.msg("survey.error.panel-score-range", score));
            }
            peers.add(new NewPeerScore(year, indicator, city, value, source), Security.currentUser());
            flash.addFlashAttribute("done", true);
        } catch (ValidationException e) {
            flash.addFlashAttribute("error", e.problems().stream().map(p -> p.field() + ": " + p.message())
                    .collect(java.util.stream.Collectors.joining("; ")));
        }
        return "redirect:/surveys/peers?year=" + (year == null ? "" : year);
    }

    @GetMapping(value = "/surveys/{id:\\d+}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    @PreAuthorize("hasAuthority('survey:survey:view')")
    ResponseEntity<byte[]> qr(@PathVariable long id, HttpServletRequest request) {
        SurveyView s = service.get(id, Security.currentUser());
        if (s == null) {
            throw new NotFoundException("survey " + id);
        }
        String link = ServletUriComponentsBuilder.fromContextPath(request).path("/public/surveys/{t}")
                .buildAndExpand(s.publicToken()).toUriString();
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(QrCodes.png(link, 240));
    }
}
