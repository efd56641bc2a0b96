package org.qualitycity.credit.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.qualitycity.credit.internal.CreditService;
import org.qualitycity.platform.web.ApiController;
import org.springframework.web.bind.annotation.GetMapping;

import java.util.List;

@ApiController("/api/v1/public/blacklist")
@Tag(name = "Public")
class PublicBlacklistApiController {

    record Entry(String enterpriseName, String creditCode, String decisionNo, String legalBasis, String reason,
                 java.time.LocalDate listedOn, java.time.LocalDate until) {
    }

    private final CreditService credit;

    PublicBlacklistApiController(CreditService credit) {
        this.credit = credit;
    }

    @GetMapping
    @Operation(summary = "The serious-violation list as published (active listings; no login)")
    List<Entry> list() {
        return credit.publicList().stream().map(b -> new Entry(b.enterpriseName(), b.creditCode(), b.decisionNo(),
                b.legalBasis(), b.reason(), b.listedOn(), b.until())).toList();
    }
}
