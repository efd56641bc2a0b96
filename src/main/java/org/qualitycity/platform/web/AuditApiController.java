package org.qualitycity.platform.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.qualitycity.platform.ExcelExport;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.PageResult;
import org.qualitycity.platform.internal.AuditTrail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.util.List;

@ApiController("/api/v1/audit")
@Tag(name = "Audit trail")
class AuditApiController {

    static final List<ExcelExport.Column<AuditTrail.Entry>> COLUMNS = List.of(
            new ExcelExport.Column<>("audit.export.id", AuditTrail.Entry::id),
            new ExcelExport.Column<>("audit.export.at", AuditTrail.Entry::at),
            new ExcelExport.Column<>("audit.export.actor", AuditTrail.Entry::actor),
            new ExcelExport.Column<>("audit.export.actor-unit", AuditTrail.Entry::actorUnit),
            new ExcelExport.Column<>("audit.export.ip", AuditTrail.Entry::ip),
            new ExcelExport.Column<>("audit.export.module", AuditTrail.Entry::module),
            new ExcelExport.Column<>("audit.export.entity", AuditTrail.Entry::entityType),
            new ExcelExport.Column<>("audit.export.entity-id", AuditTrail.Entry::entityId),
            new ExcelExport.Column<>("audit.export.action", AuditTrail.Entry::action),
            new ExcelExport.Column<>("audit.export.before", AuditTrail.Entry::before),
            new ExcelExport.Column<>("audit.export.after", AuditTrail.Entry::after));

    private final AuditTrail trail;
    private final org.qualitycity.platform.internal.PersonalDataAccessReport personalDataAccess;

    AuditApiController(AuditTrail trail, org.qualitycity.platform.internal.PersonalDataAccessReport personalDataAccess) {
        this.trail = trail;
        this.personalDataAccess = personalDataAccess;
    }

    @GetMapping("/personal-data-access")
    @PreAuthorize("hasAuthority('platform:audit:view')")
    @Operation(summary = "Who saw the personal data of a data subject, and when (subject: phone number or tracking code)")
    PageResult<org.qualitycity.platform.internal.PersonalDataAccessReport.Access> personalDataAccess(
            @org.springframework.web.bind.annotation.RequestParam(required = false) String subject,
            @Valid @ModelAttribute ListQuery q) {
        return personalDataAccess.accesses(subject, q);
    }

    @GetMapping
    @PreAuthorize("hasAuthority('platform:audit:view')")
    @Operation(summary = "Search the audit trail (user, unitCode, module, entityType, entityId, action, from, to)")
    PageResult<AuditTrail.Entry> search(@Valid @ModelAttribute AuditTrail.Filter filter, @Valid @ModelAttribute ListQuery q) {
        return trail.search(filter, q);
    }

    @GetMapping("/export")
    @PreAuthorize("hasAuthority('platform:audit:view')")
    ResponseEntity<StreamingResponseBody> export(@Valid @ModelAttribute AuditTrail.Filter filter,
                                                 @Valid @ModelAttribute ListQuery q) {
        return ExcelExport.response("audit", "audit", COLUMNS, trail.all(filter, q));
    }

    @GetMapping("/verify")
    @PreAuthorize("hasAuthority('platform:audit:view')")
    @Operation(summary = "Verify the hash chain of the whole audit trail")
    AuditTrail.Verification verify() {
        return trail.verify();
    }

    @GetMapping("/logins")
    @PreAuthorize("hasAuthority('platform:login-log:view')")
    @Operation(summary = "The login log (username, success)")
    PageResult<AuditTrail.LoginEntry> logins(@org.springframework.web.bind.annotation.RequestParam(required = false)
                                             @jakarta.validation.constraints.Size(max = 64) String username,
                                             @org.springframework.web.bind.annotation.RequestParam(required = false)
                                             Boolean success, @Valid @ModelAttribute ListQuery q) {
        return trail.logins(username, success, q);
    }
}
