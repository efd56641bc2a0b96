package org.qualitycity.complaint.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.qualitycity.complaint.internal.ComplaintService;
import org.qualitycity.complaint.internal.Dtos.PublicStatus;
import org.qualitycity.complaint.internal.Dtos.Receipt;
import org.qualitycity.complaint.internal.Dtos.Submission;
import org.qualitycity.platform.web.ApiController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletRequest;

import java.net.URI;

/** Submission and tracking without login (rate-limited per IP and phone, honeypot, size limits). */
@ApiController("/api/v1/public/complaints")
@Tag(name = "Complaints (public)")
class PublicComplaintApiController {

    private final ComplaintService service;
    private final IntakeLimits limiter;
    private final Validation validation;

    PublicComplaintApiController(ComplaintService service, IntakeLimits limiter, Validation validation) {
        this.service = service;
        this.limiter = limiter;
        this.validation = validation;
    }

    @PostMapping
    @Operation(summary = "Submit a complaint, a report or both (type BOTH: two linked cases); returns the tracking code")
    ResponseEntity<Receipt> submit(@RequestBody Submission body, HttpServletRequest request) {
        String phoneHash = limiter.submission(request.getRemoteAddr(), body == null ? null : body.phone());
        Receipt r = service.submit(validation.check(body), "WEB", request.getRemoteAddr(), null, phoneHash);
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/v1/public/complaints/" + r.trackingCode())).body(r);
    }

    @GetMapping("/{trackingCode}")
    @Operation(summary = "Status and reply of a case, for the tracking code and the phone's last four digits")
    PublicStatus track(@PathVariable String trackingCode, @RequestParam(required = false) String phone4,
                       HttpServletRequest request) {
        limiter.tracking(request.getRemoteAddr());
        return service.track(trackingCode, phone4);
    }
}
