package org.qualitycity.elevator.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.qualitycity.elevator.internal.Elevators;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.web.ApiController;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;

/** The elevator register in my scope, each car's examinations (TSG T7001-2023) and maintenance. */
@ApiController("/api/v1/elevators")
@Tag(name = "Elevators")
class ElevatorApiController {

    private final Elevators elevators;

    ElevatorApiController(Elevators elevators) {
        this.elevators = elevators;
    }

    /** A maintenance visit. */
    record MaintenanceDone(String doneOn) {
    }

    @GetMapping
    @PreAuthorize("hasAuthority('elevator:elevator:view')")
    @Operation(summary = "Elevators in my scope with their next examination and maintenance; district and overdue filter")
    List<Elevators.ElevatorView> list(@RequestParam(required = false) String district,
                                      @RequestParam(required = false) Boolean overdue) {
        return elevators.list(district, overdue, Security.currentUser());
    }

    @GetMapping("/overdue")
    @PreAuthorize("hasAuthority('elevator:elevator:view')")
    @Operation(summary = "Overdue examinations and maintenance per district in my scope")
    List<Elevators.DistrictOverdue> overdue() {
        return elevators.overdueByDistrict(Security.currentUser());
    }

    @GetMapping("/{id:\\d+}")
    @PreAuthorize("hasAuthority('elevator:elevator:view')")
    @Operation(summary = "One elevator: registration and 96333 codes, address and map point, units, make, first use, what is due")
    Elevators.ElevatorView get(@PathVariable long id) {
        return elevators.get(id, Security.currentUser());
    }

    @GetMapping("/{id:\\d+}/inspections")
    @PreAuthorize("hasAuthority('elevator:elevator:view')")
    @Operation(summary = "The car's yearly examinations from first use to the year `to` (default two years ahead): periodic inspections in years 1, 4, 7, 9, 11, 13, 15 and yearly after, self-checks in the others; done or overdue")
    List<Elevators.ExaminationView> inspections(@PathVariable long id, @RequestParam(required = false) Integer to) {
        return elevators.examinations(id, to, Security.currentUser());
    }

    @PostMapping("/{id:\\d+}/inspections")
    @PreAuthorize("hasAuthority('elevator:elevator:record')")
    @Operation(summary = "Records an examination done (doneOn yyyy-MM-dd, passed)")
    List<Elevators.ExaminationView> recordInspection(@PathVariable long id, @RequestBody Elevators.ExaminationDone body) {
        return elevators.recordExamination(id, body, Security.currentUser());
    }

    @PostMapping("/{id:\\d+}/maintenance")
    @PreAuthorize("hasAuthority('elevator:elevator:record')")
    @Operation(summary = "Records a maintenance visit (doneOn yyyy-MM-dd); the next is due 15 days later")
    Elevators.ElevatorView recordMaintenance(@PathVariable long id, @RequestBody MaintenanceDone body) {
        return elevators.recordMaintenance(id, body == null ? null : body.doneOn(), Security.currentUser());
    }
}
