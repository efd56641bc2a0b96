package org.qualitycity.task.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.ExcelExport;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.PageResult;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.web.ApiController;
import org.qualitycity.task.TaskState;
import org.qualitycity.task.TaskViews;
import org.qualitycity.task.internal.DeadlineChecker;
import org.qualitycity.task.internal.TaskService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;

@ApiController("/api/v1")
@Tag(name = "Tasks")
@Validated
class TaskApiController {

    private final TaskService tasks;
    private final DeadlineChecker checker;
    private final org.qualitycity.task.internal.TaskImport importer;
    private final org.qualitycity.task.internal.TaskChecklist checklist;

    private final java.time.Clock clock;

    TaskApiController(TaskService tasks, DeadlineChecker checker, org.qualitycity.task.internal.TaskImport importer,
                      org.qualitycity.task.internal.TaskChecklist checklist, java.time.Clock clock) {
        this.clock = clock;
        this.checklist = checklist;
        this.tasks = tasks;
        this.checker = checker;
        this.importer = importer;
    }

    @PostMapping(value = "/tasks/import", consumes = "multipart/form-data")
    @PreAuthorize("hasAuthority('task:task:edit')")
    @Operation(summary = "Bulk assignment: upload the task export with edited lead units, co-operating units and "
            + "deadlines; all or nothing, every bad row reported")
    org.qualitycity.task.internal.TaskImport.Result importTasks(
            @RequestParam(required = false) org.springframework.web.multipart.MultipartFile file) throws java.io.IOException {
        if (file == null || file.isEmpty()) {
            throw new org.qualitycity.platform.ValidationException("file", Texts.msg("error.required"));
        }
        try (var in = file.getInputStream()) {
            return importer.importWorkbook(in, Security.currentUser());
        }
    }

    @GetMapping("/tasks")
    @PreAuthorize("hasAuthority('task:task:view')")
    @Operation(summary = "Tasks in the caller's scope (lead or co-operating unit); filters measure, unit, state, overdue, kind")
    PageResult<TaskViews.Task> list(@RequestParam(required = false) String measure,
                                    @RequestParam(required = false) String unit,
                                    @RequestParam(required = false) TaskState state,
                                    @RequestParam(required = false) Boolean overdue,
                                    @RequestParam(required = false) String kind,
                                    @RequestParam(required = false) Boolean mine,
                                    @Valid @ModelAttribute ListQuery q) {
        return tasks.list(new TaskService.Filter(measure, unit, state, overdue, kind, mine), q, Security.currentUser(),
                false);
    }

    @GetMapping("/tasks/export")
    @PreAuthorize("hasAuthority('task:task:view')")
    @Operation(summary = "The tasks in scope as Excel: every row of the filtered list (same filters and sort, all pages)")
    ResponseEntity<byte[]> export(@RequestParam(required = false) String measure,
                                  @RequestParam(required = false) String unit,
                                  @RequestParam(required = false) TaskState state,
                                  @RequestParam(required = false) Boolean overdue,
                                  @RequestParam(required = false) String kind,
                                  @RequestParam(required = false) Boolean mine,
                                  @Valid @ModelAttribute ListQuery q) {
        TaskService.Filter f = new TaskService.Filter(measure, unit, state, overdue, kind, mine);
        CurrentUser user = Security.currentUser();
        return ExcelExport.bytesResponse(clock, "tasks", "tasks", TaskColumns.COLUMNS,
                ListQuery.allPages(q, page -> tasks.list(f, page, user, false)));
    }

    @GetMapping("/tasks/{id}")
    @PreAuthorize("hasAuthority('task:task:view')")
    @Operation(summary = "A task with its history, notices and evidence files")
    TaskViews.Detail get(@PathVariable long id) {
        return tasks.detail(id, Security.currentUser(), false);
    }

    @PostMapping("/tasks")
    @PreAuthorize("hasAuthority('task:task:edit')")
    @Operation(summary = "Create a task or split one (parentId), e.g. one per district")
    ResponseEntity<TaskViews.Task> create(@RequestBody TaskService.NewTask req) {
        return ResponseEntity.status(HttpStatus.CREATED).body(tasks.create(req, Security.currentUser()));
    }

    @PostMapping("/tasks/{id}/actions")
    @PreAuthorize("hasAuthority('task:task:view')")
    @Operation(summary = "A workflow step: ASSIGN, ACKNOWLEDGE, PROGRESS (percent, comment), FEEDBACK (comment, "
            + "attachmentIds of evidence), REVIEW, RETURN (comment), CLOSE")
    TaskViews.Task act(@PathVariable long id, @RequestBody TaskService.ActionRequest req) {
        return tasks.act(id, req, List.of(), Security.currentUser());
    }

    @PostMapping("/tasks/check-deadlines")
    @PreAuthorize("hasAuthority('task:task:review')")
    @Operation(summary = "Run the daily deadline check now (reminders and supervision notices as of the clock's day)")
    DeadlineChecker.Result check() {
        return checker.check();
    }

    @GetMapping("/task-notices")
    @PreAuthorize("hasAuthority('task:task:view')")
    @Operation(summary = "Reminders and supervision notices of the units in scope")
    List<TaskViews.NoticeView> notices() {
        return tasks.notices(Security.currentUser(), false);
    }

    record Answer(String answer) {
    }

    @PostMapping("/task-notices/{id}/answer")
    @PreAuthorize("hasAuthority('task:task:handle')")
    @Operation(summary = "Acknowledge a notice (no text) or answer it in writing")
    TaskViews.NoticeView answer(@PathVariable long id, @RequestBody(required = false) Answer body) {
        return tasks.answerNotice(id, body == null ? null : body.answer(), Security.currentUser());
    }


    record Checklist(org.qualitycity.task.internal.TaskChecklist.Summary summary,
                     List<org.qualitycity.task.internal.TaskChecklist.Item> items) {
    }

    @GetMapping("/checklists/{phase}")
    @PreAuthorize("hasAuthority('task:task:view')")
    @Operation(summary = "The checklist of SELF_CHECK or PRE_ACCEPTANCE: criteria of the units in scope, findings, summary")
    Checklist checklist(@PathVariable String phase) {
        var items = checklist.items(phase, Security.currentUser(), false);
        return new Checklist(checklist.summary(phase, items), items);
    }

    @org.springframework.web.bind.annotation.PutMapping("/checklists/items/{id}")
    @PreAuthorize("hasAuthority('task:task:review')")
    @Operation(summary = "Record a finding (MET, PARTLY, NOT_MET) with evidence; rectifyBy creates a rectification task")
    org.qualitycity.task.internal.TaskChecklist.Item finding(@PathVariable long id,
            @RequestBody(required = false) org.qualitycity.task.internal.TaskChecklist.FindingRequest req) {
        return checklist.record(id, req, Security.currentUser());
    }
}
