package org.qualitycity.engineering.internal;

import jakarta.validation.Validator;
import org.qualitycity.indicator.ComputedDataChanged;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.RowImport;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.ValidationException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Excel import of the existing project register, all or nothing, through {@link RowImport} as the enterprise import:
 * the first sheet is read as a stream of rows, every row is checked like a project entered by hand, and the rows are
 * inserted inside one transaction; when any row is bad nothing is kept and every bad row is reported
 * ({@code row[n].column}, n the Excel row). Row 1 is the header; the columns are {@link #COLUMNS} (dates as
 * yyyy-MM-dd; participants by credit code).
 */
@Service
public class ProjectImport {

    static final String[] COLUMNS = {"projectNo", "name", "unitCode", "kind", "investment", "floorArea", "permitDate",
            "startDate", "plannedCompletion", "actualCompletion", "energyStandard", "energyReview", "status", "latitude",
            "longitude", "CONSTRUCTION_UNIT", "BUILDER", "SUPERVISOR", "DESIGNER", "SURVEYOR"};

    public record Result(int imported) {
    }

    private final ProjectService service;
    private final Validator validator;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    ProjectImport(ProjectService service, Validator validator, AuditLog audit, ApplicationEventPublisher events) {
        this.service = service;
        this.validator = validator;
        this.audit = audit;
        this.events = events;
    }

    @Transactional
    public Result importFile(InputStream in, CurrentUser user) {
        List<ProjectService.NewProject> rows = check(in, user);
        Set<Integer> years = new TreeSet<>();
        for (ProjectService.NewProject p : rows) {
            service.insert(p, user.id(), false);
            if (p.startDate() != null) {
                years.add(p.startDate().getYear());
            }
        }
        audit.record("engineering", "project-import", null, null, "IMPORT", null, Map.of("imported", rows.size()));
        if (!years.isEmpty()) {
            events.publishEvent(new ComputedDataChanged(Set.of(EngineeringElements.E6_STARTED,
                    EngineeringElements.E6_COMPLIANT, EngineeringElements.E5, EngineeringElements.E4), years));
        }
        return new Result(rows.size());
    }

    /** Reads and checks every row; the projects to insert, or every bad row as one 400 (nothing kept). */
    List<ProjectService.NewProject> check(InputStream in, CurrentUser user) {
        RowImport.Report report = new RowImport.Report("engineering.error.row");
        Checker checker = new Checker(user);
        RowImport.read(in, COLUMNS.length, "engineering.error.not-a-valid-xlsx-file", report, checker::row);
        report.throwIfBad("engineering.error.rows-have-errors");
        if (checker.rows.isEmpty()) {
            throw new ValidationException("file", Texts.msg("engineering.error.no-rows"));
        }
        return checker.rows;
    }

    private final class Checker {
        final CurrentUser user;
        final Set<String> numbers = new HashSet<>();
        final List<ProjectService.NewProject> rows = new ArrayList<>();

        Checker(CurrentUser user) {
            this.user = user;
        }

        private static LocalDate date(int row, String[] c, int col, List<String> bad, RowImport.Report report) {
            if (c[col] == null) {
                return null;
            }
            try {
                return LocalDate.parse(c[col]);
            } catch (DateTimeParseException e) {
                report.problem(row, COLUMNS[col], Texts.msg("engineering.error.date"));
                bad.add(COLUMNS[col]);
                return null;
            }
        }

        private static BigDecimal number(int row, String[] c, int col, List<String> bad, RowImport.Report report) {
            if (c[col] == null) {
                return null;
            }
            try {
                return new BigDecimal(c[col].replace(",", ""));
            } catch (NumberFormatException e) {
                report.problem(row, COLUMNS[col], Texts.msg("engineering.error.number"));
                bad.add(COLUMNS[col]);
                return null;
            }
        }

        void row(int row, String[] c, RowImport.Report report) {
            List<String> bad = new ArrayList<>();
            List<ProjectService.ParticipantRef> participants = new ArrayList<>();
            for (int i = 15; i < COLUMNS.length; i++) {
                if (c[i] != null) {
                    participants.add(new ProjectService.ParticipantRef(COLUMNS[i], c[i]));
                }
            }
            var p = new ProjectService.NewProject(c[0], c[1], c[2], number(row, c, 13, bad, report),
                    number(row, c, 14, bad, report), upper(c[3]), number(row, c, 4, bad, report),
                    number(row, c, 5, bad, report), date(row, c, 6, bad, report), date(row, c, 7, bad, report),
                    date(row, c, 8, bad, report), date(row, c, 9, bad, report), c[10], upper(c[11]), upper(c[12]),
                    participants);
            for (var v : validator.validate(p)) {
                String field = v.getPropertyPath().toString();
                if (!bad.contains(field)) {
                    report.problem(row, field, v.getMessage());
                    bad.add(field);
                }
            }
            for (var pr : service.problems(p, user, "", numbers)) {
                report.problem(row, pr.field(), pr.message());
                bad.add(pr.field());
            }
            if (bad.isEmpty() && !report.anyBad()) {
                rows.add(p);
            }
        }

        private static String upper(String s) {
            return s == null ? null : s.toUpperCase(java.util.Locale.ROOT);
        }
    }
}
