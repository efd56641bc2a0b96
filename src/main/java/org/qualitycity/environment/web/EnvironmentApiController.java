package org.qualitycity.environment.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.qualitycity.environment.internal.StationViews;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.web.ApiController;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;

/** The stations behind G1a, G2 and G5 and their figures (daily AQI, monthly water class), in the caller's scope. */
@ApiController("/api/v1/environment/stations")
@Tag(name = "Environment")
class EnvironmentApiController {

    private final StationViews views;

    EnvironmentApiController(StationViews views) {
        this.views = views;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('environment:station:view')")
    @Operation(summary = "Stations of a profile (AIR_STATION, WATER_SECTION, DRINKING_WATER_SOURCE) in my scope with their figures of a period (2024, 2024Q1, 202403): good and valid days, worst monthly class, water drawn")
    List<StationViews.StationRow> list(@RequestParam(defaultValue = "AIR_STATION") String profile,
                                       @RequestParam(required = false) String unit,
                                       @RequestParam(required = false) String period) {
        return views.list(views.profile(profile), unit, period, Security.currentUser());
    }

    @GetMapping("/{id:\\d+}")
    @PreAuthorize("hasAuthority('environment:station:view')")
    @Operation(summary = "One station's year: daily AQI (HJ 633-2012) with primary pollutants, or monthly class (GB 3838-2002) with the deciding parameters")
    StationViews.StationView get(@PathVariable long id, @RequestParam(required = false) Integer year) {
        return views.station(id, year, Security.currentUser());
    }
}
