package org.qualitycity.plan.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.qualitycity.plan.Measure;
import org.qualitycity.plan.PlanInfo;
import org.qualitycity.plan.internal.PlanInvalidException;
import org.qualitycity.plan.internal.PlanMessages;
import org.qualitycity.plan.internal.PlanProblem;
import org.qualitycity.plan.internal.PlanService;
import org.qualitycity.plan.internal.PlanSource;
import org.qualitycity.plan.web.PlanViews.MeasureUnitsRequest;
import org.qualitycity.plan.web.PlanViews.MeasureView;
import org.qualitycity.plan.web.PlanViews.PlanSummaryView;
import org.qualitycity.plan.web.PlanViews.PlanView;
import org.qualitycity.plan.web.PlanViews.ProblemView;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.web.ApiController;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * JSON API of plans. A plan is read as JSON (the projection, with targets in words) or downloaded as its
 * YAML file; it is imported or replaced by sending the file (YAML, or the same document as JSON). A
 * file with problems answers 400 listing every problem with its field path and line, and changes nothing.
 */
@ApiController("/api/v1/plans")
@Tag(name = "Plans", description = "The plan as data: indicators, targets, measures, phases (docs/plan-format.md)")
class PlanApiController {

    static final String YAML = "application/yaml";
    /** Largest request body, in bytes (the file limit in characters, at up to two bytes each for CJK text). */
    static final int MAX_BYTES = 2 * PlanSource.MAX_CHARS;

    private final PlanService plans;
    private final PlanPresenter presenter;
    private final PlanMessages messages;

    PlanApiController(PlanService plans, PlanPresenter presenter, PlanMessages messages) {
        this.plans = plans;
        this.presenter = presenter;
        this.messages = messages;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('plan:plan:view')")
    @Operation(summary = "The stored plans (the current one first) with their versions")
    List<PlanSummaryView> list() {
        return plans.all().stream().map(PlanSummaryView::of).toList();
    }

    @GetMapping("/current")
    @PreAuthorize("hasAuthority('plan:plan:view')")
    @Operation(summary = "The current plan: metadata, goals, indicators with target rules, groups, measure groups "
            + "with measures, phases, milestones (?format=yaml: the plan file)")
    ResponseEntity<?> current(@RequestParam(required = false) String format,
                              @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        return plan(plans.current().id(), format, accept);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('plan:plan:view')")
    @Operation(summary = "A plan as JSON; ?format=yaml or Accept: application/yaml gives the plan file for "
            + "download, ?format=document the file's document as JSON (what PUT accepts)")
    ResponseEntity<?> plan(@PathVariable String id,
                           @Parameter(description = "json (default), yaml or document") @RequestParam(required = false)
                           String format,
                           @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        String f = format == null || format.isBlank() ? (accept != null && accept.contains("yaml") ? "yaml" : "json")
                : format.strip().toLowerCase(java.util.Locale.ROOT);
        return switch (f) {
            case "json" -> ResponseEntity.ok(presenter.view(plans.snapshot(id)));
            case "yaml" -> {
                String yaml = plans.yaml(id);
                yield ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType(YAML + ";charset=UTF-8"))
                        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                                .filename(id + ".yaml", StandardCharsets.UTF_8).build().toString())
                        .body(yaml);
            }
            case "document" -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(plans.document(id));
            default -> throw new ValidationException("format", messages.get("plan.error.api-format",
                    "must be json, yaml or document"));
        };
    }

    @PutMapping(value = "/{id}", consumes = {YAML, "application/x-yaml", "text/yaml", "text/plain",
            MediaType.APPLICATION_JSON_VALUE})
    @PreAuthorize("hasAuthority('plan:plan:edit')")
    @Operation(summary = "Replace a plan by a new version of its file (YAML, or its document as JSON; plan.id must "
            + "stay the same). All or nothing: a file with problems answers 400 listing each with field and line. "
            + "Audited; the version goes up; PlanChanged is published")
    PlanSummaryView replace(@PathVariable String id, @RequestBody(required = false) byte[] body,
                            HttpServletRequest request) {
        return PlanSummaryView.of(plans.replace(id, text(body, request), format(request)));
    }

    @PostMapping(consumes = {YAML, "application/x-yaml", "text/yaml", "text/plain", MediaType.APPLICATION_JSON_VALUE})
    @PreAuthorize("hasAuthority('plan:plan:edit')")
    @Operation(summary = "Import a new plan file (YAML or JSON document); ?makeCurrent=true makes it the current "
            + "plan. 409 if a plan with its id exists")
    ResponseEntity<PlanSummaryView> importPlan(@RequestParam(defaultValue = "false") boolean makeCurrent,
                                               @RequestBody(required = false) byte[] body, HttpServletRequest request) {
        PlanInfo info = plans.importPlan(text(body, request), format(request), makeCurrent);
        return ResponseEntity.created(URI.create("/api/v1/plans/" + info.id())).body(PlanSummaryView.of(info));
    }

    @PostMapping("/{id}/make-current")
    @PreAuthorize("hasAuthority('plan:plan:edit')")
    @Operation(summary = "Make a stored plan the current one; audited; PlanChanged is published")
    PlanSummaryView makeCurrent(@PathVariable String id) {
        return PlanSummaryView.of(plans.makeCurrent(id));
    }

    @PutMapping("/{id}/measures/{code}/units")
    @PreAuthorize("hasAuthority('plan:plan:edit')")
    @Operation(summary = "Assign a measure's lead unit and co-operating units ({leadUnit, coUnits}); the stored "
            + "plan file changes too (export shows it), the version goes up; audited")
    MeasureView measureUnits(@PathVariable String id, @PathVariable String code,
                             @RequestBody(required = false) MeasureUnitsRequest body) {
        if (body == null) {
            throw new ValidationException("leadUnit", messages.get("plan.error.required", "is required"));
        }
        Measure m = plans.updateMeasureUnits(id, code, body.leadUnit(), body.coUnits());
        return MeasureView.of(m, c -> presenter.unitName(c, PlanPresenter.ZH));
    }

    /** Every problem of the file, each with its field path, line and column. */
    @ExceptionHandler(PlanInvalidException.class)
    ProblemDetail invalid(PlanInvalidException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, messages.get("plan.error.summary",
                "The plan file has {0} problem(s); nothing was changed.", String.valueOf(e.planProblems().size())));
        p.setType(URI.create("https://qualitycity.org/problems/invalid-input"));
        p.setTitle("Bad Request");
        p.setProperty("errors", e.planProblems().stream()
                .map(x -> new ProblemView(x.field(), x.line(), x.column(), x.message())).toList());
        return p;
    }

    private static PlanSource.Format format(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).contains("json")
                ? PlanSource.Format.JSON : PlanSource.Format.YAML;
    }

    /** The body as text in its declared charset (UTF-8 by default); malformed bytes are a 400. */
    private String text(byte[] body, HttpServletRequest request) {
        if (body == null || body.length == 0) {
            throw new PlanInvalidException(List.of(new PlanProblem("", null, null,
                    messages.get("plan.error.empty", "the file is empty"))));
        }
        if (body.length > MAX_BYTES) {
            throw new PlanInvalidException(List.of(new PlanProblem("", null, null,
                    messages.get("plan.error.too-large", "the file is larger than {0} characters",
                            String.valueOf(PlanSource.MAX_CHARS)))));
        }
        Charset charset = StandardCharsets.UTF_8;
        String encoding = request.getCharacterEncoding();
        if (encoding != null) {
            try {
                charset = Charset.forName(encoding);
            } catch (RuntimeException e) {
                throw new ValidationException("Content-Type", messages.get("plan.error.charset",
                        "names an unknown charset"));
            }
        }
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new PlanInvalidException(List.of(new PlanProblem("", null, null, messages.get("plan.error.encoding",
                    "the file is not valid {0} text", charset.name()))));
        }
    }
}
