package org.qualitycity.calendar.web;

import org.qualitycity.calendar.CalendarDay;
import org.qualitycity.calendar.internal.CalendarService;
import org.qualitycity.calendar.web.CalendarViews.AddWorkingDaysView;
import org.qualitycity.calendar.web.CalendarViews.DayRequest;
import org.qualitycity.calendar.web.CalendarViews.WorkingDaysBetweenView;
import org.qualitycity.calendar.web.CalendarViews.YearSummaryView;
import org.qualitycity.calendar.web.CalendarViews.YearView;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.ValidationException.FieldProblem;
import org.qualitycity.platform.web.ApiController;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON API of the working-day calendar. Parameters are taken as text and parsed here, so that a
 * missing or malformed value answers 400 naming the parameter, like every other rule.
 */
@ApiController("/api/v1/calendar")
@Tag(name = "Working-day calendar")
class CalendarApiController {

    private final CalendarService calendar;
    private final CalendarInput input;

    CalendarApiController(CalendarService calendar, CalendarInput input) {
        this.calendar = calendar;
        this.input = input;
    }

    /** The {@code days}-th working day after {@code from} (the day of {@code from} not counted). */
    @GetMapping("/add-working-days")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "The days-th working day after from (from not counted; 400 if a year is not loaded)")
    AddWorkingDaysView addWorkingDays(@RequestParam(required = false) String from,
                                      @RequestParam(required = false) String days) {
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate start = collect(problems, () -> input.date("from", from));
        Integer n = collect(problems, () -> input.integer("days", days));
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return new AddWorkingDaysView(start, n, calendar.addWorkingDays(start, n));
    }

    /** The number of working days after {@code from} up to and including {@code to}. */
    @GetMapping("/working-days-between")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "Number of working days d with from < d <= to (negative if to is before from)")
    WorkingDaysBetweenView workingDaysBetween(@RequestParam(required = false) String from,
                                              @RequestParam(required = false) String to) {
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate a = collect(problems, () -> input.date("from", from));
        LocalDate b = collect(problems, () -> input.date("to", to));
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return new WorkingDaysBetweenView(a, b, calendar.workingDaysBetween(a, b));
    }

    /** The loaded years. */
    @GetMapping
    @PreAuthorize("hasAuthority('calendar:year:view')")
    @Operation(summary = "The loaded years with their sources")
    List<YearSummaryView> years() {
        return calendar.loadedYears().stream()
                .map(y -> YearSummaryView.of(calendar.year(y).orElseThrow()))
                .toList();
    }

    /** The exception days of a loaded year; 404 if the year is not loaded. */
    @GetMapping("/{year:\\d+}")
    @PreAuthorize("hasAuthority('calendar:year:view')")
    @Operation(summary = "A loaded year's exception days (404 if not loaded)")
    YearView year(@PathVariable String year) {
        int y = input.integer("year", year);
        return calendar.year(y).map(YearView::of)
                .orElseThrow(() -> new NotFoundException("calendar year " + y));
    }

    /**
     * Adds or replaces a year: the body lists all its exception days ({@code [{date, kind, nameZh,
     * nameEn}]}); the optional {@code source} names the notice. All or nothing; audited.
     */
    @PutMapping("/{year:\\d+}")
    @PreAuthorize("hasAuthority('calendar:year:edit')")
    @Operation(summary = "Add or replace a year: body [{date, kind, nameZh, nameEn}], optional ?source=; audited")
    YearView replace(@PathVariable String year, @RequestParam(required = false) String source,
                     @RequestBody(required = false) List<DayRequest> body) {
        int y = input.integer("year", year);
        if (body == null || body.isEmpty()) {
            return YearView.of(calendar.replaceYear(y, source, List.of()));
        }
        List<FieldProblem> problems = new ArrayList<>();
        List<CalendarDay> days = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            DayRequest r = body.get(i);
            if (r == null) {
                problems.add(new FieldProblem("[" + i + "]", Texts.msg("calendar.error.required")));
                continue;
            }
            CalendarDay day = input.day("[" + i + "].", r.date(), r.kind(), r.nameZh(), r.nameEn(), problems);
            if (day != null) {
                days.add(day);
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return YearView.of(calendar.replaceYear(y, source, days));
    }

    private static <T> T collect(List<FieldProblem> problems, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (ValidationException e) {
            problems.addAll(e.problems());
            return null;
        }
    }
}
