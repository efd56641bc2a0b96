package org.qualitycity.elevator.web;

import org.qualitycity.elevator.internal.Elevators;
import org.qualitycity.elevator.internal.RescueOrders;
import org.qualitycity.elevator.internal.RescueWorkflow;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.Security;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Elevator pages: the register with the overdue lists per district, one elevator with its examinations, and the
 * rescue orders with running timers (the list refreshes itself every 10 seconds; the timers tick in the browser).
 */
@Controller
@RequestMapping("/elevators")
class ElevatorPageController {

    private final Elevators elevators;
    private final RescueOrders orders;

    ElevatorPageController(Elevators elevators, RescueOrders orders) {
        this.elevators = elevators;
        this.orders = orders;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('elevator:elevator:view')")
    String list(@RequestParam(required = false) String district, @RequestParam(required = false) Boolean overdue,
                Model model) {
        var user = Security.currentUser();
        model.addAttribute("rows", elevators.list(district, overdue, user));
        model.addAttribute("districts", elevators.overdueByDistrict(user));
        model.addAttribute("district", district);
        model.addAttribute("overdue", overdue);
        return "elevator/list";
    }

    @GetMapping("/{id:\\d+}")
    @PreAuthorize("hasAuthority('elevator:elevator:view')")
    String detail(@PathVariable long id, Model model) {
        var user = Security.currentUser();
        model.addAttribute("e", elevators.get(id, user));
        model.addAttribute("status", elevators.status(id, user));
        model.addAttribute("exams", elevators.examinations(id, null, user));
        return "elevator/detail";
    }

    @GetMapping("/rescue-orders")
    @PreAuthorize("hasAuthority('elevator:elevator:view')")
    String rescueOrders(Model model) {
        fill(model);
        return "elevator/rescue-orders";
    }

    /** The orders block alone, for htmx polling. */
    @GetMapping("/rescue-orders/rows")
    @PreAuthorize("hasAuthority('elevator:elevator:view')")
    String rescueRows(Model model) {
        fill(model);
        return "elevator/rescue-orders :: rows";
    }

    private void fill(Model model) {
        var user = Security.currentUser();
        model.addAttribute("running", orders.list(true, new ListQuery(0, 100, null, null), user).items());
        model.addAttribute("recent", orders.list(false, new ListQuery(0, 20, null, null), user).items());
        model.addAttribute("mayHandle", user.can("elevator:rescue:handle"));
    }

    @PostMapping("/rescue-orders/{id:\\d+}/actions")
    @PreAuthorize("hasAuthority('elevator:rescue:handle')")
    String act(@PathVariable long id, @RequestParam RescueWorkflow.Action action,
               @RequestParam(required = false) String note, RedirectAttributes redirect) {
        orders.act(id, new RescueOrders.Step(action, note == null || note.isBlank() ? null : note), Security.currentUser());
        redirect.addFlashAttribute("done", action.name());
        return "redirect:/elevators/rescue-orders";
    }
}
