package org.qualitycity.elevator.internal;

import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.DataScope;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.Text;
import org.qualitycity.platform.WorkbenchSource;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The elevators' part of the workbench: running rescue orders first, then overdue examinations, in the user's scope. */
@Component
class ElevatorWorkbench implements WorkbenchSource {

    private final RescueOrders orders;
    private final Elevators elevators;

    ElevatorWorkbench(RescueOrders orders, Elevators elevators) {
        this.orders = orders;
        this.elevators = elevators;
    }

    @Override
    public List<Queue> queues(CurrentUser user, LocalDate today) {
        if (!user.can("elevator:elevator:view") || user.scopeKind() == DataScope.Kind.SELF) {
            return List.of();
        }
        List<Queue> queues = new ArrayList<>();
        var running = orders.list(true, new ListQuery(0, TOP, null, null), user);
        if (running.total() > 0) {
            List<Item> items = running.items().stream().map(o -> new Item(
                    Text.of("elevator.workbench.rescueItem", o.elevator(), o.address()), "/elevators/rescue-orders",
                    today, Text.of("elevator.rescue.state." + o.state()), o.responseMissed() || o.arrivalMissed())).toList();
            queues.add(new Queue(Text.of("elevator.workbench.rescue", running.total()), running.total(),
                    "/elevators/rescue-orders", "/elevators/rescue-orders", Urgency.OVERDUE, items));
        }
        var overdue = elevators.list(null, true, user).stream().filter(Elevators.ElevatorView::examinationOverdue)
                .sorted(Comparator.comparing(Elevators.ElevatorView::nextExamination)).toList();
        if (!overdue.isEmpty()) {
            List<Item> items = overdue.stream().limit(TOP).map(e -> Item.dueInDays(
                    Text.of("elevator.workbench.examinationItem", e.name(), e.registrationCode()), "/elevators/" + e.id(),
                    today, e.nextExamination())).toList();
            queues.add(new Queue(Text.of("elevator.workbench.examinations", overdue.size()), overdue.size(),
                    "/elevators?overdue=true", "/elevators", Urgency.OVERDUE, items));
        }
        return queues;
    }
}
