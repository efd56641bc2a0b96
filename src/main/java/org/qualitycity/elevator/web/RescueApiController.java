package org.qualitycity.elevator.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.qualitycity.elevator.internal.RescueOrders;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.PageResult;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.web.ApiController;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/** 96333 rescue orders in my scope with their response (3 min) and arrival (30 min) timers. */
@ApiController("/api/v1/rescue-orders")
@Tag(name = "Elevators")
class RescueApiController {

    private final RescueOrders orders;

    RescueApiController(RescueOrders orders) {
        this.orders = orders;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('elevator:elevator:view')")
    @Operation(summary = "Rescue orders in my scope, newest first; running=true for those not yet released")
    PageResult<RescueOrders.OrderView> list(@RequestParam(required = false) Boolean running,
                                            @Valid @ModelAttribute ListQuery q) {
        return orders.list(running, q, Security.currentUser());
    }

    @GetMapping("/{id:\\d+}")
    @PreAuthorize("hasAuthority('elevator:elevator:view')")
    @Operation(summary = "One rescue order with its timers")
    RescueOrders.OrderView get(@PathVariable long id) {
        return orders.get(id, Security.currentUser());
    }

    @PostMapping("/{id:\\d+}/actions")
    @PreAuthorize("hasAuthority('elevator:rescue:handle')")
    @Operation(summary = "A step: RESPOND, ARRIVE, RELEASE, CLOSE or CANCEL (a false alarm), with an optional note")
    RescueOrders.OrderView act(@PathVariable long id, @RequestBody RescueOrders.Step step) {
        return orders.act(id, step, Security.currentUser());
    }
}
