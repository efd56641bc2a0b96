package org.qualitycity.traceability.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.qualitycity.enterprise.Enterprises;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.web.ApiController;
import org.qualitycity.traceability.internal.BatchService;
import org.qualitycity.traceability.internal.EpcisService;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;
import java.util.Map;

@ApiController("/api/v1")
@Tag(name = "Traceability")
class TraceabilityApiController {

    private final BatchService batches;
    private final EpcisService epcis;
    private final Enterprises enterprises;

    TraceabilityApiController(BatchService batches, EpcisService epcis, Enterprises enterprises) {
        this.batches = batches;
        this.epcis = epcis;
        this.enterprises = enterprises;
    }

    @GetMapping("/batches")
    @PreAuthorize("hasAuthority('traceability:batch:view')")
    @Operation(summary = "Batches in my scope (newest first), each with its public URI and Digital Link")
    List<BatchService.BatchView> list(@RequestParam(required = false) String q) {
        return batches.list(Security.currentUser(), q, 200);
    }

    @PostMapping("/batches")
    @PreAuthorize("hasAuthority('traceability:batch:edit')")
    @Operation(summary = "Register a batch (lot) of a product; mixed and split lots name their input batches")
    ResponseEntity<BatchService.BatchView> create(@Valid @RequestBody BatchService.NewBatch req) {
        return ResponseEntity.status(HttpStatus.CREATED).body(batches.create(req, Security.currentUser()));
    }

    @GetMapping("/batches/{id}")
    @PreAuthorize("hasAuthority('traceability:batch:view')")
    @Operation(summary = "One batch")
    BatchService.BatchView get(@PathVariable long id) {
        return batches.require(id, Security.currentUser());
    }

    @GetMapping("/batches/{id}/trace")
    @PreAuthorize("hasAuthority('traceability:batch:view')")
    @Operation(summary = "Trace a batch forward (to every downstream batch and location) or back (to its inputs)")
    BatchService.Trace trace(@PathVariable long id, @RequestParam(defaultValue = "forward") String direction) {
        return batches.trace(id, direction, Security.currentUser());
    }

    @PostMapping("/batches/{id}/recall")
    @PreAuthorize("hasAuthority('traceability:batch:recall')")
    @Operation(summary = "Recall a batch: it and every downstream batch are marked recalled, their holders notified")
    BatchService.RecallResult recall(@PathVariable long id, @Valid @RequestBody BatchService.RecallRequest req) {
        return batches.recall(id, req, Security.currentUser());
    }

    @GetMapping("/certificates")
    @PreAuthorize("hasAuthority('traceability:batch:view')")
    @Operation(summary = "Certificates of committed compliance in my scope (optionally of one batch, by its code)")
    List<BatchService.CertificateView> certificates(@RequestParam(required = false) String batch) {
        return batches.certificates(Security.currentUser(), batch);
    }

    @PostMapping("/certificates")
    @PreAuthorize("hasAuthority('traceability:batch:edit')")
    @Operation(summary = "Issue a certificate of committed compliance for a batch")
    ResponseEntity<BatchService.CertificateView> issue(@Valid @RequestBody BatchService.NewCertificate req) {
        return ResponseEntity.status(HttpStatus.CREATED).body(batches.issue(req, Security.currentUser()));
    }

    @PostMapping(value = "/epcis/capture", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/ld+json"})
    @PreAuthorize("hasAuthority('traceability:event:capture')")
    @Operation(summary = "Capture an EPCIS 2.0 EPCISDocument (JSON-LD), all or nothing; re-sent events are skipped")
    ResponseEntity<EpcisService.CaptureResult> capture(@RequestBody String document) {
        EpcisService.CaptureResult r = epcis.capture(document, Security.currentUser());
        return ResponseEntity.status(HttpStatus.ACCEPTED).header("Location", "/api/v1/epcis/capture/" + r.captureId())
                .body(r);
    }

    @PostMapping(value = "/epcis/events", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/ld+json"})
    @PreAuthorize("hasAuthority('traceability:event:capture')")
    @Operation(summary = "Capture one EPCIS 2.0 event")
    ResponseEntity<EpcisService.CaptureResult> event(@RequestBody String event) {
        return ResponseEntity.status(HttpStatus.CREATED).body(epcis.captureEvent(event, Security.currentUser()));
    }

    @GetMapping(value = "/epcis/events", produces = {MediaType.APPLICATION_JSON_VALUE, "application/ld+json"})
    @PreAuthorize("hasAuthority('traceability:batch:view')")
    @Operation(summary = "Query events in my scope (EQ_bizStep, GE_eventTime, LT_eventTime, MATCH_anyEPC, MATCH_epcClass, "
            + "EQ_bizLocation, EQ_disposition; values separated by |), answered as an EPCISQueryDocument")
    String events(@io.swagger.v3.oas.annotations.Parameter(hidden = true) @RequestParam Map<String, String> params) {
        Map<String, String> p = new java.util.LinkedHashMap<>(params);
        p.remove("lang");
        return epcis.find(EpcisService.query(p), enterprises.scope(Security.currentUser()));
    }
}
