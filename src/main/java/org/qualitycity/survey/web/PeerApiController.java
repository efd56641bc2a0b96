package org.qualitycity.survey.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.web.ApiController;
import org.qualitycity.survey.internal.Dtos.NewPeerScore;
import org.qualitycity.survey.internal.Dtos.PeerScore;
import org.qualitycity.survey.internal.PeerComparison;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

@ApiController("/api/v1/survey-peers")
@Tag(name = "Satisfaction surveys")
class PeerApiController {

    private final PeerComparison peers;

    PeerApiController(PeerComparison peers) {
        this.peers = peers;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('survey:survey:view')")
    @Operation(summary = "Similar cities' published scores of a year and indicator, and the city's rank among them")
    PeerComparison.Comparison compare(@RequestParam @Min(2000) @Max(2100) int year, @RequestParam String indicator) {
        return peers.compare(year, indicator);
    }

    @PostMapping
    @PreAuthorize("hasAuthority('survey:survey:edit')")
    @Operation(summary = "Record a similar city's published score (year, indicator, city, score, source)")
    ResponseEntity<PeerScore> add(@Valid @RequestBody NewPeerScore req) {
        return ResponseEntity.status(HttpStatus.CREATED).body(peers.add(req, Security.currentUser()));
    }
}
