package org.qualitycity.survey.web;

import jakarta.servlet.http.HttpServletRequest;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.Security;
import org.qualitycity.survey.internal.Dtos.SurveyView;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The city office's pages: surveys, and a survey's design, results with intervals, matrix, answers and QR code. */
@Controller
class SurveyPageController {

    private final SurveyService service;
    private final SurveyIndex index;

    SurveyPageController(SurveyService service, SurveyIndex index) {
        this.service = service;
        this.index = index;
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
        return "survey/detail";
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
