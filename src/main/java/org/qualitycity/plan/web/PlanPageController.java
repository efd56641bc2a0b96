package org.qualitycity.plan.web;

import org.qualitycity.plan.IndicatorDefinition;
import org.qualitycity.plan.Measure;
import org.qualitycity.plan.Milestone;
import org.qualitycity.plan.Phase;
import org.qualitycity.plan.PlanInfo;
import org.qualitycity.plan.internal.PlanInvalidException;
import org.qualitycity.plan.internal.PlanMessages;
import org.qualitycity.plan.internal.PlanModel;
import org.qualitycity.plan.internal.PlanService;
import org.qualitycity.plan.internal.PlanSnapshot;
import org.qualitycity.plan.internal.PlanSource;
import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.ExcelExport;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.ValidationException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Pages of the plan: overview (/plan), indicators (/plan/indicators, with Excel export), measures
 * (/plan/measures, with the form that assigns a measure's units) and import (/plan/import: upload,
 * every problem with its line, confirmation before anything changes, download of the plan file).
 */
@Controller
class PlanPageController {

    static final String EDIT = "plan:plan:edit";
    static final List<String> AREAS = List.of("PRODUCT", "ENGINEERING", "SERVICE", "ECOLOGY", "GOVERNMENT", "GENERAL");

    private final PlanService plans;
    private final PlanPresenter presenter;
    private final PlanMessages messages;
    private final Clock clock;

    PlanPageController(PlanService plans, PlanPresenter presenter, PlanMessages messages, Clock clock) {
        this.plans = plans;
        this.presenter = presenter;
        this.messages = messages;
        this.clock = clock;
    }

    // -------------------------------------------------------------------------------- overview

    /** The overview; also at /plan/overview, so that the navigation marks only this entry on it. */
    @GetMapping({"/plan", "/plan/overview"})
    @PreAuthorize("hasAuthority('plan:plan:view')")
    String overview(@RequestParam(required = false) String plan, Model model, Locale locale) {
        PlanSnapshot s = selected(plan);
        model.addAttribute("plan", s.info());
        model.addAttribute("meta", s.meta());
        model.addAttribute("timeline", Timeline.of(s, LocalDate.now(clock), locale));
        model.addAttribute("overall", PlanPresenter.goal(s, PlanModel.Goal.OVERALL));
        model.addAttribute("goals", s.goals().stream().filter(g -> !PlanModel.Goal.OVERALL.equals(g.area())).toList());
        model.addAttribute("counts", new PlanViews.CountsView(s.indicators().size(), s.groups().size(),
                s.measureGroups().size(), s.measureCount(), s.phases().size(), s.milestones().size()));
        model.addAttribute("milestones", s.milestones());
        model.addAttribute("en", PlanPresenter.en(locale));
        return "plan/overview";
    }

    /** The phases on one bar from the plan's start to its end, with today and the milestones marked. */
    record Timeline(LocalDate start, LocalDate end, LocalDate today, double todayPercent, String todayWhere,
                    List<Segment> segments, List<Mark> marks) {

        record Segment(String code, int number, String name, LocalDate start, LocalDate end, double left, double width,
                       boolean active) {
        }

        record Mark(String code, String name, LocalDate date, double left) {
        }

        static Timeline of(PlanSnapshot s, LocalDate today, Locale locale) {
            LocalDate start = s.info().startDate();
            LocalDate end = s.info().endDate();
            double days = ChronoUnit.DAYS.between(start, end) + 1;
            boolean en = PlanPresenter.en(locale);
            List<Segment> segments = new ArrayList<>();
            for (Phase p : s.phases()) {
                double left = ChronoUnit.DAYS.between(start, p.start()) / days * 100;
                double width = (ChronoUnit.DAYS.between(p.start(), p.end()) + 1) / days * 100;
                segments.add(new Segment(p.code(), p.number(), en && p.nameEn() != null ? p.nameEn() : p.nameZh(),
                        p.start(), p.end(), round(left), round(width), p.contains(today)));
            }
            List<Mark> marks = new ArrayList<>();
            for (Milestone m : s.milestones()) {
                marks.add(new Mark(m.code(), en && m.nameEn() != null ? m.nameEn() : m.nameZh(), m.date(),
                        round(ChronoUnit.DAYS.between(start, m.date()) / days * 100)));
            }
            double todayPercent = Math.max(0, Math.min(100, ChronoUnit.DAYS.between(start, today) / days * 100));
            String where = today.isBefore(start) ? "before" : today.isAfter(end) ? "after" : "within";
            return new Timeline(start, end, today, round(todayPercent), where, segments, marks);
        }

        private static double round(double v) {
            return Math.round(v * 100) / 100.0;
        }
    }

    // ------------------------------------------------------------------------------ indicators

    @GetMapping("/plan/indicators")
    @PreAuthorize("hasAuthority('plan:plan:view')")
    String indicators(@RequestParam(required = false) String plan, @RequestParam(required = false) String area,
                      Model model, Locale locale) {
        PlanSnapshot s = selected(plan);
        String selected = area != null && AREAS.contains(area) ? area : null;
        model.addAttribute("plan", s.info());
        model.addAttribute("areas", AREAS);
        model.addAttribute("area", selected);
        model.addAttribute("rows", rows(s, selected, locale));
        model.addAttribute("groups", s.groups());
        // how a target was set (interpreted, placeholder) is the plan editors' business, not the reporting units'
        model.addAttribute("canEdit", canEdit());
        return "plan/indicators";
    }

    @GetMapping("/plan/indicators/export")
    @PreAuthorize("hasAuthority('plan:plan:view')")
    ResponseEntity<StreamingResponseBody> exportIndicators(@RequestParam(required = false) String plan,
                                                           @RequestParam(required = false) String area, Locale locale) {
        PlanSnapshot s = selected(plan);
        String selected = area != null && AREAS.contains(area) ? area : null;
        List<ExcelExport.Column<IndicatorRow>> columns = List.of(
                new ExcelExport.Column<>(messages.get("plan.indicator.code", "Code"), IndicatorRow::code),
                new ExcelExport.Column<>(messages.get("plan.indicator.name-zh", "Name (Chinese)"), IndicatorRow::nameZh),
                new ExcelExport.Column<>(messages.get("plan.indicator.name-en", "Name (English)"), IndicatorRow::nameEn),
                new ExcelExport.Column<>(messages.get("plan.indicator.area", "Area"), IndicatorRow::areaLabel),
                new ExcelExport.Column<>(messages.get("plan.indicator.group", "Group"), IndicatorRow::group),
                new ExcelExport.Column<>(messages.get("plan.indicator.unit", "Unit"), IndicatorRow::unit),
                new ExcelExport.Column<>(messages.get("plan.indicator.period", "Period"), IndicatorRow::period),
                new ExcelExport.Column<>(messages.get("plan.indicator.source", "Source"), IndicatorRow::source),
                new ExcelExport.Column<>(messages.get("plan.indicator.target", "Target"), IndicatorRow::target),
                new ExcelExport.Column<>(messages.get("plan.indicator.provenance", "Provenance"), IndicatorRow::provenance),
                new ExcelExport.Column<>(messages.get("plan.indicator.plan-text", "The plan's words"),
                        IndicatorRow::planText));
        return ExcelExport.response(clock, "plan-indicators", "indicators", columns, rows(s, selected, locale));
    }

    /** One indicator as the page and the export show it, in the page's language. */
    record IndicatorRow(String code, String nameZh, String nameEn, String name, String area, String areaLabel,
                        String group, String unit, String period, String source, String target, String provenance,
                        String provenanceKey, String planText, String category) {
    }

    private List<IndicatorRow> rows(PlanSnapshot s, String area, Locale locale) {
        boolean en = PlanPresenter.en(locale);
        List<IndicatorRow> rows = new ArrayList<>();
        for (IndicatorDefinition i : s.indicators()) {
            if (area != null && !area.equals(i.area())) {
                continue;
            }
            String unit = !en && i.unitZh() != null ? i.unitZh() : messages.get("plan.uom." + i.unit(), i.unit());
            String source = messages.get("plan.source." + i.source().name(), i.source().name());
            if (i.sourceModule() != null) {
                source += " · " + messages.get("plan.module." + i.sourceModule(), i.sourceModule());
            } else if (i.reportedBy() != null) {
                source += " · " + presenter.unitName(i.reportedBy(), locale);
            }
            String provenance = i.target().provenance();
            rows.add(new IndicatorRow(i.code(), i.nameZh(), i.nameEn(), en ? i.nameEn() : i.displayNameZh(), i.area(),
                    messages.get("plan.area." + i.area(), i.area()), i.groupCode(), unit,
                    messages.get("plan.period." + i.periodType().name(), i.periodType().name()), source,
                    presenter.target(s, i, locale),
                    provenance == null ? "" : messages.get("plan.provenance." + provenance, provenance),
                    provenance == null ? "PLAN" : provenance, i.target().textZh(), i.category()));
        }
        return rows;
    }

    // -------------------------------------------------------------------------------- measures

    @GetMapping("/plan/measures")
    @PreAuthorize("hasAuthority('plan:plan:view')")
    String measures(@RequestParam(required = false) String plan, Model model, Locale locale) {
        PlanSnapshot s = selected(plan);
        boolean en = PlanPresenter.en(locale);
        Map<String, String> phaseNames = new LinkedHashMap<>();
        s.phases().forEach(p -> phaseNames.put(p.code(), en && p.nameEn() != null ? p.nameEn() : p.nameZh()));
        Map<String, String> unitNames = new LinkedHashMap<>();
        s.measureGroups().stream().flatMap(g -> g.measures().stream()).forEach(m -> {
            unitNames.computeIfAbsent(m.leadUnit(), c -> presenter.unitName(c, locale));
            m.coUnits().forEach(c -> unitNames.computeIfAbsent(c, x -> presenter.unitName(x, locale)));
        });
        model.addAttribute("plan", s.info());
        model.addAttribute("groups", s.measureGroups());
        model.addAttribute("phaseNames", phaseNames);
        model.addAttribute("unitNames", unitNames);
        model.addAttribute("canEdit", canEdit());
        model.addAttribute("planParam", s.info().current() ? null : s.info().id());
        model.addAttribute("en", en);
        return "plan/measures";
    }

    @GetMapping("/plan/measures/{code}/edit")
    @PreAuthorize("hasAuthority('plan:plan:edit')")
    String editMeasure(@PathVariable String code, @RequestParam(required = false) String plan, Model model,
                       Locale locale) {
        PlanSnapshot s = selected(plan);
        Measure m = s.measure(code).orElseThrow(() -> new NotFoundException("measure " + code));
        return measureForm(s, m, m.leadUnit(), m.coUnits(), Map.of(), model, locale);
    }

    @PostMapping("/plan/measures/{code}/units")
    @PreAuthorize("hasAuthority('plan:plan:edit')")
    String saveMeasureUnits(@PathVariable String code, @RequestParam(required = false) String plan,
                            @RequestParam(required = false) String leadUnit,
                            @RequestParam(required = false) List<String> coUnits, Model model, Locale locale,
                            RedirectAttributes redirect) {
        PlanSnapshot s = selected(plan);
        Measure m = s.measure(code).orElseThrow(() -> new NotFoundException("measure " + code));
        List<String> co = coUnits == null ? List.of() : coUnits.stream().filter(c -> !c.isBlank()).toList();
        try {
            plans.updateMeasureUnits(s.info().id(), code, leadUnit, co);
        } catch (PlanInvalidException e) {
            Map<String, String> errors = new LinkedHashMap<>();
            e.planProblems().forEach(p -> errors.putIfAbsent("_form", p.describe()));
            return measureForm(s, m, leadUnit, co, errors, model, locale);
        } catch (ValidationException e) {
            Map<String, String> errors = new LinkedHashMap<>();
            e.problems().forEach(p -> errors.putIfAbsent(p.field().startsWith("coUnits") ? "coUnits" : p.field(),
                    p.message()));
            return measureForm(s, m, leadUnit, co, errors, model, locale);
        }
        redirect.addFlashAttribute("flash", "plan.measure.saved");
        return "redirect:/plan/measures" + (s.info().current() ? "" : "?plan=" + s.info().id()) + "#" + code;
    }

    private String measureForm(PlanSnapshot s, Measure m, String lead, List<String> co, Map<String, String> errors,
                               Model model, Locale locale) {
        // the city's departments and offices, and whatever units the measure names now
        List<String> named = new ArrayList<>(m.coUnits());
        named.add(m.leadUnit());
        List<Unit> choices = presenter.units().all().stream()
                .filter(u -> named.contains(u.code()) || u.active() && (u.kind() == Unit.Kind.DEPARTMENT
                        || u.kind() == Unit.Kind.SUBUNIT && s.info().regionCode() != null
                        && u.code().startsWith(s.info().regionCode() + "-")))
                .toList();
        model.addAttribute("plan", s.info());
        model.addAttribute("measure", m);
        model.addAttribute("planParam", s.info().current() ? null : s.info().id());
        model.addAttribute("lead", lead);
        model.addAttribute("co", co);
        model.addAttribute("choices", choices);
        model.addAttribute("errors", errors);
        model.addAttribute("en", PlanPresenter.en(locale));
        return "plan/measure-edit";
    }

    // ---------------------------------------------------------------------------------- import

    @GetMapping("/plan/import")
    @PreAuthorize("hasAuthority('plan:plan:edit')")
    String importForm(Model model) {
        fillImport(model);
        return "plan/import";
    }

    /** Checks an uploaded (or pasted) file; shows every problem, or what would change and asks to confirm. */
    @PostMapping("/plan/import")
    @PreAuthorize("hasAuthority('plan:plan:edit')")
    String checkImport(@RequestParam(required = false) MultipartFile file, @RequestParam(required = false) String text,
                       Model model) {
        String content = text == null ? "" : text;
        List<String> errors = new ArrayList<>();
        if (file != null && !file.isEmpty()) {
            try {
                content = new String(file.getBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                errors.add(messages.get("plan.import.unreadable", "The uploaded file could not be read."));
            }
        }
        fillImport(model);
        model.addAttribute("text", content);
        if (!errors.isEmpty()) {
            model.addAttribute("errors", errors);
            return "plan/import";
        }
        PlanService.Check check = plans.check(content, PlanSource.Format.YAML);
        if (!check.valid()) {
            model.addAttribute("problems", check.problems());
            return "plan/import";
        }
        PlanModel.Meta meta = check.model().meta();
        PlanInfo current = plans.current();
        model.addAttribute("checked", check.model());
        model.addAttribute("existing", check.existing());
        model.addAttribute("replacesCurrent", meta.id().equals(current.id()));
        model.addAttribute("currentPlan", current);
        return "plan/import";
    }

    /** Applies a checked file: replaces the plan of the same id, or imports it as a new plan; either becomes current. */
    @PostMapping("/plan/import/confirm")
    @PreAuthorize("hasAuthority('plan:plan:edit')")
    String confirmImport(@RequestParam(required = false) String text, Model model, RedirectAttributes redirect) {
        String content = text == null ? "" : text;
        try {
            PlanService.Check check = plans.check(content, PlanSource.Format.YAML);
            if (!check.valid()) {
                throw new PlanInvalidException(check.problems());
            }
            String id = check.model().meta().id();
            PlanInfo info = check.existing() != null
                    ? plans.replace(id, content, PlanSource.Format.YAML)
                    : plans.importPlan(content, PlanSource.Format.YAML, true);
            if (!info.current()) {
                plans.makeCurrent(id);
            }
            redirect.addFlashAttribute("flash", "plan.import.done");
            return "redirect:/plan";
        } catch (PlanInvalidException e) {
            fillImport(model);
            model.addAttribute("text", content);
            model.addAttribute("problems", e.planProblems());
            return "plan/import";
        } catch (ConflictException e) {
            fillImport(model);
            model.addAttribute("text", content);
            model.addAttribute("errors", List.of(e.getMessage()));
            return "plan/import";
        }
    }

    /** The current plan's file, for download. */
    @GetMapping("/plan/download")
    @PreAuthorize("hasAuthority('plan:plan:view')")
    ResponseEntity<String> download() {
        PlanInfo current = plans.current();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/yaml;charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(current.id() + ".yaml", StandardCharsets.UTF_8).build().toString())
                .body(plans.yaml(current.id()));
    }

    private void fillImport(Model model) {
        model.addAttribute("plans", plans.all());
        model.addAttribute("current", plans.current());
        if (!model.containsAttribute("text")) {
            model.addAttribute("text", "");
        }
    }

    /** The plan a page shows: the one named by {@code ?plan=}, else the current plan. */
    private PlanSnapshot selected(String plan) {
        return plan == null || plan.isBlank() ? plans.currentSnapshot() : plans.snapshot(plan);
    }

    private static boolean canEdit() {
        return Security.currentUserIfAny().map(u -> u.can(EDIT)).orElse(false);
    }
}
