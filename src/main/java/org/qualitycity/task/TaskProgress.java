package org.qualitycity.task;

import java.time.LocalDate;
import java.util.List;

/** Progress of the plan's tasks for other modules (the portal's plan progress, the big screen). */
public interface TaskProgress {

    /** How many of the plan's measures have tasks and how many of those have every task closed. */
    record Measures(int withTasks, int done) {
    }

    Measures measures(String planId);

    /**
     * A lead unit's tasks of a plan: how many, closed, open past their deadline on {@code today}, and the average
     * reported percentage.
     */
    record UnitProgress(String unitCode, int tasks, int closed, int overdue, int averagePercent) {
    }

    List<UnitProgress> byUnit(String planId, LocalDate today);
}
