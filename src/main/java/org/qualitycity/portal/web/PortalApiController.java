package org.qualitycity.portal.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Size;
import org.qualitycity.credit.CreditLookup;
import org.qualitycity.platform.RateLimits;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.web.ApiController;
import org.qualitycity.portal.internal.BigScreenData;
import org.qualitycity.portal.internal.HotTopics;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;

@ApiController("/api/v1")
@Tag(name = "Public")
@Validated
class PortalApiController {

    /** The answer to a proposal: its state (always PENDING: the office publishes it after moderation). */
    record ProposalReceipt(String status) {
    }

    private final CreditLookup credit;
    private final RateLimits limits;
    private final RateLimits.Limit topicsPerIp;
    private final RateLimits.Limit lookupsPerIp;
    private final HotTopics topics;
    private final BigScreenData bigScreen;

    PortalApiController(CreditLookup credit, RateLimits limits, HotTopics topics, BigScreenData bigScreen) {
        this.credit = credit;
        this.limits = limits;
        this.topicsPerIp = limits.limit("portal-topics-per-ip");
        this.lookupsPerIp = limits.limit("portal-lookups-per-ip");
        this.topics = topics;
        this.bigScreen = bigScreen;
    }

    /** A look-up text: 2 to 100 characters (a name's part or a credit code). */
    static String checkQuery(String q) {
        String s = q == null ? "" : q.strip();
        if (s.length() < 2 || s.length() > 100) {
            throw new ValidationException("q", Texts.msg("portal.error.query"));
        }
        return s;
    }

    @GetMapping("/public/enterprises")
    @Operation(summary = "Credit look-up by name or unified social credit code: the public grade and published "
            + "serious-violation listings only (no login; rate-limited per address)")
    List<CreditLookup.Entry> enterprises(@RequestParam String q, HttpServletRequest request) {
        limits.hit(lookupsPerIp.key(request.getRemoteAddr()));
        return credit.lookup(checkQuery(q), 20);
    }

    @PostMapping("/public/hot-topics")
    @Operation(summary = "Propose a quality hot topic (no login; rate-limited per address); published after the "
            + "quality office's moderation")
    ResponseEntity<ProposalReceipt> propose(@RequestBody HotTopics.Proposal body, HttpServletRequest request) {
        limits.hit(topicsPerIp.key(request.getRemoteAddr()));
        topics.propose(body);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new ProposalReceipt("PENDING"));
    }

    @GetMapping("/big-screen")
    @PreAuthorize("hasAuthority('portal:bigscreen:view')")
    @Operation(summary = "The quality office's big screen data (cached for a few seconds)")
    BigScreenData.Screen bigScreen(@RequestParam(required = false) @Size(max = 32) String indicator) {
        return bigScreen.screen(indicator);
    }
}
