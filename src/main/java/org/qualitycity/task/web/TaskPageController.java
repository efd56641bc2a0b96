package org.qualitycity.task.web;

import jakarta.validation.Valid;
import org.qualitycity.platform.Text;
import org.qualitycity.platform.Texts;
import org.qualitycity.files.Attachment;
import org.qualitycity.files.Attachments;
import org.qualitycity.plan.Phase;
import org.qualitycity.plan.PlanInfo;
import org.qualitycity.plan.Plans;
import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.PageResult;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.task.TaskState;
import org.qualitycity.task.TaskViews;
import org.qualitycity.task.internal.TaskService;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

@Controller
class TaskPageController {

    private final TaskService tasks;
    private final Units units;
    private final Plans plans;
    private final Attachments attachments;
    private final Clock clock;
    private final org.qualitycity.task.internal.TaskChecklist checklist;

    TaskPageController(TaskService tasks, Units units, Plans plans, Attachments attachments, Clock clock,
                       org.qualitycity.task.internal.TaskChecklist checklist) {
        this.checklist = checklist;
        this.tasks = tasks;
        this.units = units;
        this.plans = plans;
        this.attachments = attachments;
        this.clock = clock;
    }

    static boolean en(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage());
    }

    @GetMapping("/tasks")
    @PreAuthorize("hasAuthority('task:task:view')")
    String list(@RequestParam(required = false) String measure, @RequestParam(required = false) String unit,
                @RequestParam(required = false) TaskState state, @RequestParam(required = false) Boolean overdue,
                @RequestParam(required = false) String kind, @Valid @ModelAttribute ListQuery q, Locale locale,
                Model model) {
        return render(new TaskService.Filter(measure, unit, state, overdue, kind, null), q, locale, model, false);
    }

    @GetMapping("/tasks/mine")
    @PreAuthorize("hasAuthority('task:task:view')")
    String mine(@RequestParam(required = false) TaskState state, @RequestParam(required = false) Boolean overdue,
                @Valid @ModelAttribute ListQuery q, Locale locale, Model model) {
        return render(new TaskService.Filter(null, null, state, overdue, null, true), q, locale, model, true);
    }

    private String render(TaskService.Filter f, ListQuery q, Locale locale, Model model, boolean mine) {
        CurrentUser user = Security.currentUser();
        PageResult<TaskViews.Task> page = tasks.list(f, q, user, en(locale));
        model.addAttribute("page", page);
        model.addAttribute("filter", f);
        model.addAttribute("mine", mine);
        model.addAttribute("states", TaskState.values());
        model.addAttribute("kinds", List.of("MEASURE", "WORK_PLAN", "RECURRING", "SUB", "RECTIFICATION"));
        model.addAttribute("units", units.all().stream().filter(u -> u.isArea() || u.kind() == Unit.Kind.DEPARTMENT
                || u.kind() == Unit.Kind.SUBUNIT).filter(u -> units.isVisible(u.id(), user)).toList());
        model.addAttribute("en", en(locale));
        String unitCode = mine ? user.unitCode() : f.unit();
        model.addAttribute("timeliness", unitCode == null || unitCode.isBlank() ? null
                : tasks.timeliness(unitCode.trim(), user));
        return "task/list";
    }

    @GetMapping("/tasks/{id:\\d+}")
    @PreAuthorize("hasAuthority('task:task:view')")
    String detail(@PathVariable long id, Locale locale, Model model) {
        CurrentUser user = Security.currentUser();
        TaskViews.Detail d = tasks.detail(id, user, en(locale));
        model.addAttribute("d", d);
        model.addAttribute("t", d.task());
        model.addAttribute("files", attachments.list("task", id, user));
        model.addAttribute("actions", allowed(d.task(), user));
        model.addAttribute("children", tasks.children(id, user, en(locale)));
        model.addAttribute("canSplit", user.can("task:task:edit") && d.task().state() != TaskState.CLOSED
                && !"SUB".equals(d.task().kind()));
        model.addAttribute("en", en(locale));
        model.addAttribute("coNames", d.task().coUnits().stream().map(c -> units.byCode(c)
                .map(u -> u.name(locale)).orElse(c)).collect(Collectors.joining(Texts.render(Text.of("list.separator"), locale))));
        return "task/detail";
    }

    static Set<TaskService.Action> allowed(TaskViews.Task t, CurrentUser user) {
        Set<TaskService.Action> a = EnumSet.noneOf(TaskService.Action.class);
        boolean city = user.can("task:task:review");
        boolean handle = user.can("task:task:handle");
        boolean own = t.leadUnit().equals(user.unitCode());
        switch (t.state()) {
            case CREATED -> {
                if (city) {
                    a.add(TaskService.Action.ASSIGN);
                }
            }
            case ASSIGNED -> {
                if (handle) {
                    a.add(TaskService.Action.ACKNOWLEDGE);
                }
            }
            case ACKNOWLEDGED -> {
                if (handle) {
                    a.add(TaskService.Action.PROGRESS);
                }
            }
            case IN_PROGRESS -> {
                if (handle) {
                    a.add(TaskService.Action.PROGRESS);
                    a.add(TaskService.Action.FEEDBACK);
                }
            }
            case FEEDBACK -> {
                if (city && !own) {
                    a.add(TaskService.Action.REVIEW);
                    a.add(TaskService.Action.RETURN);
                }
            }
            case REVIEW -> {
                if (city && !own) {
                    a.add(TaskService.Action.CLOSE);
                    a.add(TaskService.Action.RETURN);
                }
            }
            default -> { }
        }
        return a;
    }

    @PostMapping("/tasks/{id:\\d+}/actions")
    @PreAuthorize("hasAuthority('task:task:view')")
    String act(@PathVariable long id, @RequestParam(required = false) String action,
               @RequestParam(required = false) Integer percent, @RequestParam(required = false) String comment,
               @RequestParam(required = false) List<Long> attachmentIds,
               @RequestParam(required = false) MultipartFile file, RedirectAttributes flash) {
        TaskService.Action a;
        try {
            a = TaskService.Action.valueOf(action == null ? "" : action);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("action", Texts.msg("task.error.unknown-action"));
        }
        try {
            tasks.act(id, new TaskService.ActionRequest(a, percent, comment, attachmentIds),
                    file == null ? List.of() : List.of(file), Security.currentUser());
            flash.addFlashAttribute("done", a.name());
        } catch (ValidationException e) {
            flash.addFlashAttribute("error", e.problems().stream().map(p -> p.field() + ": " + p.message())
                    .collect(Collectors.joining("; ")));
        } catch (ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/tasks/" + id;
    }

    @PostMapping("/tasks/{id:\\d+}/split")
    @PreAuthorize("hasAuthority('task:task:edit')")
    String split(@PathVariable long id, RedirectAttributes flash) {
        try {
            flash.addFlashAttribute("split", tasks.splitByArea(id, Security.currentUser()));
        } catch (ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/tasks/" + id;
    }

    @GetMapping("/tasks/notices")
    @PreAuthorize("hasAuthority('task:task:view')")
    String notices(Locale locale, Model model) {
        model.addAttribute("notices", tasks.notices(Security.currentUser(), en(locale)));
        return "task/notices";
    }

    @PostMapping("/tasks/notices/{id:\\d+}/answer")
    @PreAuthorize("hasAuthority('task:task:handle')")
    String answer(@PathVariable long id, @RequestParam(required = false) String answer, RedirectAttributes flash) {
        try {
            tasks.answerNotice(id, answer, Security.currentUser());
            flash.addFlashAttribute("done", "ANSWER");
        } catch (ValidationException e) {
            flash.addFlashAttribute("error", e.problems().get(0).message());
        } catch (ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/tasks/notices";
    }

    public record Bar(long id, String title, String unit, String state, int percent, boolean overdue,
                      LocalDate start, LocalDate deadline, double left, double width) {
    }

    public record Segment(String name, LocalDate start, LocalDate end, double left, double width) {
    }

    /** A mark on the time axis: the start of a year (or, zoomed into one year, of a month). */
    public record Tick(String label, double left) {
    }

    /**
     * The plan's tasks as bars over the plan's years, with a year axis; {@code year} zooms into one year (bars
     * clipped to it, months on the axis).
     */
    @GetMapping("/tasks/timeline")
    @PreAuthorize("hasAuthority('task:task:view')")
    String timeline(@RequestParam(required = false) String kind, @RequestParam(required = false) Boolean mine,
                    @RequestParam(required = false) Integer year, Locale locale, Model model) {
        CurrentUser user = Security.currentUser();
        boolean english = en(locale);
        boolean onlyMine = mine == null ? !user.can("task:task:review") : mine;
        List<TaskViews.Task> list = tasks.all(new TaskService.Filter(null, null, null, null, kind, onlyMine ? true : null),
                user, english);
        PlanInfo plan = plans.current();
        List<Phase> phases = plans.phases(plan.id());
        LocalDate from = phases.isEmpty() ? plan.startDate() : phases.get(0).start();
        LocalDate to = plan.endDate() == null ? from.plusYears(4) : plan.endDate();
        for (TaskViews.Task t : list) {
            if (t.startDate() != null && t.startDate().isBefore(from)) {
                from = t.startDate();
            }
            if (t.deadline().isAfter(to)) {
                to = t.deadline();
            }
        }
        LocalDate today = LocalDate.now(clock);
        if (today.isAfter(to)) {
            to = today;
        }
        List<Integer> years = new ArrayList<>();
        for (int y = from.getYear(); y <= to.getYear(); y++) {
            years.add(y);
        }
        if (year != null && !years.contains(year)) {
            throw new ValidationException("year", Texts.msg("task.error.timeline-year"));
        }
        if (year != null) {
            from = LocalDate.of(year, 1, 1);
            to = LocalDate.of(year, 12, 31);
            LocalDate first = from;
            LocalDate last = to;
            list = list.stream().filter(t -> !t.deadline().isBefore(first)
                    && (t.startDate() == null ? t.deadline().minusMonths(1) : t.startDate()).isBefore(last.plusDays(1)))
                    .toList();
        }
        if (list.size() > 300) {
            list = list.subList(0, 300);
        }
        double span = Math.max(1, ChronoUnit.DAYS.between(from, to) + 1);
        List<Segment> segs = new ArrayList<>();
        for (Phase p : phases) {
            if (p.end().isBefore(from) || p.start().isAfter(to)) {
                continue;
            }
            LocalDate s = p.start().isBefore(from) ? from : p.start();
            LocalDate e = p.end().isAfter(to) ? to : p.end();
            double l = ChronoUnit.DAYS.between(from, s) / span * 100;
            double w = (ChronoUnit.DAYS.between(s, e) + 1) / span * 100;
            segs.add(new Segment(english && p.nameEn() != null ? p.nameEn() : p.nameZh(), p.start(), p.end(), round(l),
                    round(w)));
        }
        List<Bar> bars = new ArrayList<>();
        for (TaskViews.Task t : list) {
            LocalDate s = t.startDate() == null ? t.deadline().minusMonths(1) : t.startDate();
            if (s.isAfter(t.deadline())) {
                s = t.deadline();
            }
            LocalDate shownStart = s.isBefore(from) ? from : s;
            LocalDate shownEnd = t.deadline().isAfter(to) ? to : t.deadline();
            double l = ChronoUnit.DAYS.between(from, shownStart) / span * 100;
            double w = Math.max(0.4, (ChronoUnit.DAYS.between(shownStart, shownEnd) + 1) / span * 100);
            bars.add(new Bar(t.id(), t.title(), t.leadUnitName(), t.state().name(), t.percent(), t.overdue(), s,
                    t.deadline(), round(l), round(Math.min(w, 100 - l))));
        }
        List<Tick> ticks = new ArrayList<>();
        if (year == null) {
            for (int y : years) {
                LocalDate jan1 = LocalDate.of(y, 1, 1);
                if (!jan1.isBefore(from)) {
                    ticks.add(new Tick(String.valueOf(y), round(ChronoUnit.DAYS.between(from, jan1) / span * 100)));
                }
            }
        } else {
            for (java.time.Month m : java.time.Month.values()) {
                LocalDate first = LocalDate.of(year, m, 1);
                ticks.add(new Tick(m.getDisplayName(java.time.format.TextStyle.SHORT, locale),
                        round(ChronoUnit.DAYS.between(from, first) / span * 100)));
            }
        }
        model.addAttribute("segments", segs);
        model.addAttribute("bars", bars);
        model.addAttribute("ticks", ticks);
        model.addAttribute("years", years);
        model.addAttribute("year", year);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        boolean todayShown = !today.isBefore(from) && !today.isAfter(to);
        model.addAttribute("todayLeft", todayShown ? round(ChronoUnit.DAYS.between(from, today) / span * 100) : null);
        model.addAttribute("mine", onlyMine);
        model.addAttribute("kind", kind);
        return "task/timeline";
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }


    @GetMapping("/tasks/checklists/{phase}")
    @PreAuthorize("hasAuthority('task:task:view')")
    String checklist(@PathVariable String phase, Locale locale, Model model) {
        CurrentUser user = Security.currentUser();
        var items = checklist.items(phase, user, en(locale));
        model.addAttribute("items", items);
        model.addAttribute("summary", checklist.summary(phase, items));
        model.addAttribute("canRecord", user.can("task:task:review"));
        return "task/checklist";
    }

    @PostMapping("/tasks/checklists/items/{id:\\d+}")
    @PreAuthorize("hasAuthority('task:task:review')")
    String finding(@PathVariable long id, @RequestParam(required = false) String phase,
                   @RequestParam(required = false) String finding, @RequestParam(required = false) String evidence,
                   @RequestParam(required = false) LocalDate rectifyBy, RedirectAttributes flash) {
        try {
            checklist.record(id, new org.qualitycity.task.internal.TaskChecklist.FindingRequest(finding, evidence,
                    rectifyBy), Security.currentUser());
            flash.addFlashAttribute("done", "FINDING");
        } catch (ValidationException e) {
            flash.addFlashAttribute("error", e.problems().stream().map(p -> p.field() + ": " + p.message())
                    .collect(Collectors.joining("; ")));
        }
        String ph = phase != null && org.qualitycity.task.internal.TaskChecklist.PHASES.contains(phase) ? phase
                : "SELF_CHECK";
        return "redirect:/tasks/checklists/" + ph + "#item-" + id;
    }
}
