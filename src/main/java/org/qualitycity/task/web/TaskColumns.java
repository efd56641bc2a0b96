package org.qualitycity.task.web;

import org.qualitycity.platform.ExcelExport;
import org.qualitycity.task.TaskViews;

import java.util.List;

final class TaskColumns {

    private TaskColumns() {
    }

    static final List<ExcelExport.Column<TaskViews.Task>> COLUMNS = List.of(
            new ExcelExport.Column<>("id", TaskViews.Task::id),
            new ExcelExport.Column<>("kind", TaskViews.Task::kind),
            new ExcelExport.Column<>("measure", TaskViews.Task::measureCode),
            new ExcelExport.Column<>("title", TaskViews.Task::title),
            new ExcelExport.Column<>("leadUnit", TaskViews.Task::leadUnit),
            new ExcelExport.Column<>("leadUnitName", TaskViews.Task::leadUnitName),
            new ExcelExport.Column<>("coUnits", t -> String.join(";", t.coUnits())),
            new ExcelExport.Column<>("deadline", t -> t.deadline().toString()),
            new ExcelExport.Column<>("state", t -> t.state().name()),
            new ExcelExport.Column<>("percent", TaskViews.Task::percent),
            new ExcelExport.Column<>("overdue", TaskViews.Task::overdue));
}
