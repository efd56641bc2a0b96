package org.qualitycity.survey.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.web.ApiController;
import org.qualitycity.survey.internal.PanelDtos.ExpertScores;
import org.qualitycity.survey.internal.PanelDtos.NewPanel;
import org.qualitycity.survey.internal.PanelDtos.PanelSummary;
import org.qualitycity.survey.internal.PanelDtos.PanelView;
import org.qualitycity.survey.internal.SurveyPanels;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

import java.net.URI;
import java.util.List;

/** Expert panels of the assessed indicators (S3, G1b); evidence is attached through /api/v1/files (survey-panel). */
@ApiController("/api/v1/survey-panels")
@Tag(name = "Satisfaction surveys")
class PanelApiController {

    private final SurveyPanels panels;

    PanelApiController(SurveyPanels panels) {
        this.panels = panels;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('survey:survey:view')")
    @Operation(summary = "Expert panels in my data scope (year, indicator) with their results")
    List<PanelSummary> list(@RequestParam(required = false) Integer year, @RequestParam(required = false) String indicator) {
        return panels.list(year, indicator, Security.currentUser());
    }

    @PostMapping
    @PreAuthorize("hasAuthority('survey:survey:edit')")
    @Operation(summary = "Create a panel: indicator (S3, G1b), year, weighted criteria, experts, the levels' bounds")
    ResponseEntity<PanelView> create(@Valid @RequestBody NewPanel req) {
        PanelView v = panels.create(req, Security.currentUser());
        return ResponseEntity.created(URI.create("/api/v1/survey-panels/" + v.id())).body(v);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('survey:survey:view')")
    @Operation(summary = "A panel with every expert's scores and total, the dropped highest and lowest, result and rating")
    PanelView get(@PathVariable long id) {
        return panels.get(id, Security.currentUser());
    }

    @PutMapping("/{id}/experts/{expertId}/scores")
    @PreAuthorize("hasAuthority('survey:survey:edit')")
    @Operation(summary = "An expert's scores (0–100) per criterion; the result and the indicator follow")
    PanelView score(@PathVariable long id, @PathVariable long expertId, @Valid @RequestBody ExpertScores req) {
        return panels.score(id, expertId, req, Security.currentUser());
    }
}
