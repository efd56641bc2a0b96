package org.qualitycity.environment.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.qualitycity.environment.internal.EnergyMeters;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.web.ApiController;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;

/** Energy metering of key energy users in the caller's scope (an enterprise account: its own meters). */
@ApiController("/api/v1/environment/energy")
@Tag(name = "Environment")
class EnergyApiController {

    private final EnergyMeters meters;

    EnergyApiController(EnergyMeters meters) {
        this.meters = meters;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('environment:energy:view')")
    @Operation(summary = "Key energy users of a month (yyyyMM, default the previous month): tonnes of standard coal (GB/T 2589-2020), completeness (at least 90 % of the expected readings), consistency of the days with the month's figure (within 5 %), late meters")
    List<EnergyMeters.EnterpriseMonth> enterprises(@RequestParam(required = false) String month) {
        return meters.enterprises(meters.month(month), Security.currentUser());
    }

    @GetMapping("/meters")
    @PreAuthorize("hasAuthority('environment:energy:view')")
    @Operation(summary = "Energy meters of a month (yyyyMM) with consumption in the meter's unit and in standard coal, readings received and expected, the month's own figure and the flags; optionally of one enterprise (credit code)")
    List<EnergyMeters.MeterMonth> meters(@RequestParam(required = false) String month,
                                         @RequestParam(required = false) String enterprise) {
        return meters.meters(meters.month(month), enterprise, Security.currentUser());
    }

    @GetMapping("/meters/{id:\\d+}/days")
    @PreAuthorize("hasAuthority('environment:energy:view')")
    @Operation(summary = "One meter's daily consumption of a month (yyyyMM) with its readings and standard coal")
    List<EnergyMeters.MeterDay> days(@PathVariable long id, @RequestParam(required = false) String month) {
        return meters.days(id, meters.month(month), Security.currentUser());
    }
}
