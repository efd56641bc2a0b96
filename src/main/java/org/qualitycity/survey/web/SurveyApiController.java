package org.qualitycity.survey.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.web.ApiController;
import org.qualitycity.survey.internal.Dtos.AnswerSheet;
import org.qualitycity.survey.internal.Dtos.ImportResult;
import org.qualitycity.survey.internal.Dtos.Interview;
import org.qualitycity.survey.internal.Dtos.Invitation;
import org.qualitycity.survey.internal.Dtos.MatrixCell;
import org.qualitycity.survey.internal.Dtos.NewInvitations;
import org.qualitycity.survey.internal.Dtos.NewSurvey;
import org.qualitycity.survey.internal.Dtos.NewVersion;
import org.qualitycity.survey.internal.Dtos.WeightsUpdate;
import org.qualitycity.survey.internal.Dtos.Receipt;
import org.qualitycity.survey.internal.Dtos.Results;
import org.qualitycity.survey.internal.Dtos.SurveySummary;
import org.qualitycity.survey.internal.Dtos.SurveyView;
import org.qualitycity.survey.internal.SurveyImport;
import org.qualitycity.survey.internal.SurveyIndex;
import org.qualitycity.survey.internal.SurveyService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;

@ApiController("/api/v1/surveys")
@Tag(name = "Satisfaction surveys")
class SurveyApiController {

    private final SurveyService service;
    private final SurveyIndex index;
    private final SurveyImport importer;

    SurveyApiController(SurveyService service, SurveyIndex index, SurveyImport importer) {
        this.service = service;
        this.index = index;
        this.importer = importer;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('survey:survey:view')")
    @Operation(summary = "Surveys in my data scope (year; indicator: S1, S2, W3 — surveys with answers for it)")
    List<SurveySummary> list(@RequestParam(required = false) Integer year,
                             @RequestParam(required = false) String indicator) {
        return service.list(Security.currentUser(), year, indicator);
    }

    @PostMapping
    @PreAuthorize("hasAuthority('survey:survey:edit')")
    @Operation(summary = "Create a survey: questionnaire (version 1), weights of the latent variables, sample design")
    ResponseEntity<SurveyView> create(@Valid @RequestBody NewSurvey req) {
        SurveyView v = service.create(req, Security.currentUser());
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/v1/surveys/" + v.id())).body(v);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('survey:survey:view')")
    @Operation(summary = "One survey with its questionnaire, weights and strata (with their numbers of responses)")
    SurveyView get(@PathVariable long id) {
        return service.get(id, Security.currentUser());
    }

    @GetMapping("/{id}/results")
    @PreAuthorize("hasAuthority('survey:survey:view')")
    @Operation(summary = "Post-stratified index 0–100 with n and 95 % interval, by all, district, sector, period or cell")
    Results results(@PathVariable long id, @RequestParam(required = false) String by) {
        return index.results(id, by, Security.currentUser());
    }

    @GetMapping("/{id}/matrix")
    @PreAuthorize("hasAuthority('survey:survey:view')")
    @Operation(summary = "Importance–satisfaction matrix per sector")
    List<MatrixCell> matrix(@PathVariable long id) {
        return index.matrix(id, Security.currentUser());
    }

    @GetMapping("/{id}/answers")
    @PreAuthorize("hasAuthority('survey:survey:view')")
    @Operation(summary = "De-identified answer sheets (optionally of one stratum: district and sector), newest 200")
    List<AnswerSheet> answers(@PathVariable long id, @RequestParam(required = false) String district,
                              @RequestParam(required = false) String sector) {
        return service.sheets(id, district, sector, Security.currentUser());
    }

    @PostMapping("/{id}/answers")
    @PreAuthorize("hasAuthority('survey:answer:enter')")
    @Operation(summary = "An interviewer's entry (PHONE or FACE) with the interviewer and the call's outcome")
    ResponseEntity<Receipt> interview(@PathVariable long id, @Valid @RequestBody Interview req) {
        return ResponseEntity.status(HttpStatus.CREATED).body(service.interview(id, req, Security.currentUser()));
    }

    @PutMapping("/{id}/weights")
    @PreAuthorize("hasAuthority('survey:survey:edit')")
    @Operation(summary = "Edit the weights of the latent variables; every response is scored again (audited)")
    SurveyView weights(@PathVariable long id, @Valid @RequestBody WeightsUpdate req) {
        return service.updateWeights(id, req.weights(), Security.currentUser());
    }

    @PostMapping("/{id}/versions")
    @PreAuthorize("hasAuthority('survey:survey:edit')")
    @Operation(summary = "A new questionnaire version for new answers; answers to earlier versions stay as they are")
    ResponseEntity<SurveyView> newVersion(@PathVariable long id, @Valid @RequestBody NewVersion req) {
        return ResponseEntity.status(HttpStatus.CREATED).body(service.newVersion(id, req.questions(),
                Security.currentUser()));
    }

    @PostMapping("/{id}/invitations")
    @PreAuthorize("hasAuthority('survey:survey:edit')")
    @Operation(summary = "Invitation tokens (one answer each), optionally preset to a stratum")
    ResponseEntity<List<Invitation>> invite(@PathVariable long id, @Valid @RequestBody NewInvitations req) {
        return ResponseEntity.status(HttpStatus.CREATED).body(service.invite(id, req, Security.currentUser()));
    }

    @PostMapping("/{id}/answers/import")
    @PreAuthorize("hasAuthority('survey:answer:import')")
    @Operation(summary = "Import a survey firm's raw answers (.csv or .xlsx), all or nothing; 400 lists every bad row as row[n].column")
    ImportResult importFile(@PathVariable long id, HttpServletRequest request) throws IOException {
        MultipartFile file = request instanceof MultipartHttpServletRequest m ? m.getFile("file") : null;
        if (file == null || file.isEmpty()) {
            throw new ValidationException("file", Texts.msg("survey.error.choose-a-file"));
        }
        try (InputStream in = file.getInputStream()) {
            return importer.importFile(id, file.getOriginalFilename(), in, Security.currentUser());
        }
    }
}
