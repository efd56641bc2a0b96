package org.qualitycity.calendar.web;

import org.qualitycity.calendar.CalendarDay;
import org.qualitycity.calendar.CalendarYear;
import org.qualitycity.calendar.internal.CalendarMessages;
import org.qualitycity.calendar.internal.CalendarService;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.ValidationException.FieldProblem;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The page /calendar: a year's month grids and, for administrators, the form that replaces a year. */
@Controller
class CalendarPageController {

    static final String EDIT = "calendar:year:edit";
    private static final Pattern INDEXED_FIELD = Pattern.compile("^\\[(\\d+)]\\.?(.*)$");

    private final CalendarService calendar;
    private final CalendarMessages messages;
    private final Clock clock;

    CalendarPageController(CalendarService calendar, CalendarMessages messages, Clock clock) {
        this.calendar = calendar;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/calendar")
    @PreAuthorize("hasAuthority('calendar:year:view')")
    String show(@RequestParam(required = false) String year, Model model, Locale locale) {
        int y = selectedYear(year);
        CalendarYear loaded = calendar.year(y).orElse(null);
        fill(model, y, loaded, locale);
        if (!model.containsAttribute("text")) {
            model.addAttribute("text", loaded == null ? "" : CalendarText.format(loaded.days()));
            model.addAttribute("source", loaded == null ? "" : loaded.source());
        }
        return "calendar";
    }

    @PostMapping("/calendar")
    @PreAuthorize("hasAuthority('calendar:year:edit')")
    String replace(@RequestParam(required = false) String year, @RequestParam(required = false) String source,
                   @RequestParam(required = false) String text, @RequestParam(required = false) MultipartFile file,
                   Model model, Locale locale, RedirectAttributes redirect) {
        List<String> errors = new ArrayList<>();
        int y;
        try {
            y = Integer.parseInt(year == null ? "" : year.strip());
        } catch (NumberFormatException e) {
            y = selectedYear(null);
            errors.add(messages.get("calendar.error.not-integer", "must be a whole number, not \"{0}\"",
                    String.valueOf(year)));
        }
        String content = text == null ? "" : text;
        if (file != null && !file.isEmpty()) {
            try {
                content = new String(file.getBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                errors.add(messages.get("calendar.edit.file-unreadable", "the uploaded file could not be read"));
            }
        }
        CalendarText.Parsed parsed = CalendarText.parse(content);
        parsed.problems().forEach(p -> errors.add(line(p.line(),
                messages.get(p.key(), p.fallback(), p.args().toArray()))));
        // report the rules broken by the readable lines too, so that one round of corrections suffices
        boolean unreadable = !errors.isEmpty();
        calendar.check(y, source, parsed.days()).stream()
                .filter(p -> !(unreadable && p.field().equals("days")))
                .forEach(p -> errors.add(describe(p, parsed.lines())));
        if (errors.isEmpty()) {
            try {
                CalendarYear saved = calendar.replaceYear(y, source, parsed.days());
                redirect.addFlashAttribute("saved", messages.get("calendar.edit.saved",
                        "Saved the arrangement of {0}: {1} days off, {2} make-up working days.",
                        String.valueOf(y), String.valueOf(saved.holidayCount()),
                        String.valueOf(saved.workdayCount())));
                return "redirect:/calendar?year=" + y;
            } catch (ValidationException e) {
                e.problems().forEach(p -> errors.add(describe(p, parsed.lines())));
            }
        }
        fill(model, y, calendar.year(y).orElse(null), locale);
        model.addAttribute("text", content);
        model.addAttribute("source", source == null ? "" : source);
        model.addAttribute("errors", errors);
        return "calendar";
    }

    private void fill(Model model, int year, CalendarYear loaded, Locale locale) {
        boolean canEdit = Security.currentUserIfAny().map(u -> u.can(EDIT)).orElse(false);
        TreeSet<Integer> years = new TreeSet<>(calendar.loadedYears());
        if (canEdit) {
            // so that an administrator can open a year that is not loaded yet and enter it
            int now = LocalDate.now(clock).getYear();
            years.add(now);
            years.add(now + 1);
        }
        years.add(year);
        model.addAttribute("year", year);
        model.addAttribute("years", years.descendingSet());
        model.addAttribute("loaded", loaded != null);
        model.addAttribute("canEdit", canEdit);
        if (loaded != null) {
            model.addAttribute("arrangementSource", loaded.source());
            model.addAttribute("holidayCount", loaded.holidayCount());
            model.addAttribute("workdayCount", loaded.workdayCount());
            model.addAttribute("months", CalendarGrid.of(loaded, locale));
            model.addAttribute("days", DayRow.runs(loaded.days(), locale));
        }
    }

    /** A row of the table of exception days: a run of consecutive days of the same kind and name. */
    record DayRow(String first, String last, int days, String kind, String name) {

        static List<DayRow> runs(List<CalendarDay> exceptions, Locale locale) {
            List<DayRow> rows = new ArrayList<>();
            int i = 0;
            while (i < exceptions.size()) {
                CalendarDay start = exceptions.get(i);
                int j = i;
                while (j + 1 < exceptions.size() && sameRun(exceptions.get(j), exceptions.get(j + 1))) {
                    j++;
                }
                rows.add(new DayRow(start.date().toString(), exceptions.get(j).date().toString(), j - i + 1,
                        start.kind().name(), start.name(locale)));
                i = j + 1;
            }
            return rows;
        }

        private static boolean sameRun(CalendarDay a, CalendarDay b) {
            return b.date().equals(a.date().plusDays(1)) && a.kind() == b.kind() && a.nameZh().equals(b.nameZh());
        }
    }

    private int selectedYear(String requested) {
        if (requested != null) {
            try {
                int y = Integer.parseInt(requested.strip());
                if (y >= CalendarService.FIRST_YEAR && y <= CalendarService.LAST_YEAR) {
                    return y;
                }
            } catch (NumberFormatException e) {
                // fall through to the default year
            }
        }
        int now = LocalDate.now(clock).getYear();
        List<Integer> loaded = calendar.loadedYears();
        if (loaded.contains(now) || loaded.isEmpty()) {
            return now;
        }
        return loaded.get(loaded.size() - 1);
    }

    /** A service problem of the n-th day, told as a problem of the line that day came from. */
    private String describe(FieldProblem p, List<Integer> lines) {
        Matcher m = INDEXED_FIELD.matcher(p.field());
        if (m.matches()) {
            int index = Integer.parseInt(m.group(1));
            if (index < lines.size()) {
                return line(lines.get(index), p.message());
            }
        }
        return p.message();
    }

    private String line(int line, String message) {
        return messages.get("calendar.edit.line", "Line {0}: {1}", String.valueOf(line), message);
    }
}
