package org.qualitycity.credit.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.qualitycity.credit.internal.CreditService;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.web.ApiController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;

@ApiController("/api/v1/credit")
@Tag(name = "Credit")
class CreditApiController {

    record Points(@NotNull Integer points) {
    }

    private final CreditService credit;

    CreditApiController(CreditService credit) {
        this.credit = credit;
    }

    @GetMapping("/enterprises/{creditCode}")
    @PreAuthorize("hasAuthority('credit:record:view')")
    @Operation(summary = "Credit record: grade with every reason, penalties and honours, listings, repairs")
    CreditService.CreditRecord record(@PathVariable String creditCode) {
        return credit.record(creditCode, Security.currentUser());
    }

    @PostMapping("/enterprises/{creditCode}/events")
    @PreAuthorize("hasAuthority('credit:event:edit')")
    @Operation(summary = "Enter an administrative penalty or an honour")
    ResponseEntity<CreditService.EventView> event(@PathVariable String creditCode,
                                                  @Valid @RequestBody CreditService.NewEvent req) {
        return ResponseEntity.status(HttpStatus.CREATED).body(credit.addEvent(creditCode, req, Security.currentUser()));
    }

    @GetMapping("/rules")
    @PreAuthorize("hasAuthority('credit:record:view')")
    @Operation(summary = "The grading rules: points per event kind and the grade thresholds")
    List<CreditService.RuleView> rules() {
        return credit.rules();
    }

    @PutMapping("/rules/{code}")
    @PreAuthorize("hasAuthority('credit:rule:edit')")
    @Operation(summary = "Change a rule's points or a threshold")
    CreditService.RuleView rule(@PathVariable String code, @Valid @RequestBody Points req) {
        return credit.setRule(code, req.points(), Security.currentUser());
    }

    @GetMapping("/blacklist")
    @PreAuthorize("hasAuthority('credit:record:view')")
    @Operation(summary = "Serious-violation listings in my scope (all=true: removed and expired ones too)")
    List<CreditService.BlacklistView> blacklist(@RequestParam(defaultValue = "false") boolean all) {
        return credit.listings(Security.currentUser(), all);
    }

    @PostMapping("/blacklist")
    @PreAuthorize("hasAuthority('credit:blacklist:edit')")
    @Operation(summary = "List an enterprise by decision (legal basis, approval; default three years)")
    ResponseEntity<CreditService.BlacklistView> list(@Valid @RequestBody CreditService.NewListing req) {
        return ResponseEntity.status(HttpStatus.CREATED).body(credit.list(req, Security.currentUser()));
    }

    @PostMapping("/blacklist/{id}/repairs")
    @PreAuthorize("hasAuthority('credit:repair:apply')")
    @Operation(summary = "Apply for credit repair (at least one year after listing)")
    ResponseEntity<CreditService.RepairView> apply(@PathVariable long id, @Valid @RequestBody CreditService.NewRepair req) {
        return ResponseEntity.status(HttpStatus.CREATED).body(credit.apply(id, req, Security.currentUser()));
    }

    @PostMapping("/repairs/{id}/decision")
    @PreAuthorize("hasAuthority('credit:repair:decide')")
    @Operation(summary = "Approve (removes the listing) or reject a repair application")
    CreditService.RepairView decide(@PathVariable long id, @Valid @RequestBody CreditService.Decision req) {
        return credit.decide(id, req, Security.currentUser());
    }

    @PostMapping("/blacklist/{id}/removal")
    @PreAuthorize("hasAuthority('credit:blacklist:edit')")
    @Operation(summary = "Take an enterprise off the list by decision, with the reason (the listing keeps its history)")
    CreditService.BlacklistView remove(@PathVariable long id, @Valid @RequestBody CreditService.Removal req) {
        return credit.remove(id, req, Security.currentUser());
    }

    @GetMapping("/repairs")
    @PreAuthorize("hasAuthority('credit:repair:decide')")
    @Operation(summary = "Repair applications in my scope (status PENDING by default, APPROVED, REJECTED or ALL), oldest first")
    org.qualitycity.platform.PageResult<CreditService.RepairRow> repairs(
            @RequestParam(required = false) String status,
            @Valid @org.springframework.web.bind.annotation.ModelAttribute org.qualitycity.platform.ListQuery query) {
        return credit.repairs(Security.currentUser(), status, query);
    }
}
