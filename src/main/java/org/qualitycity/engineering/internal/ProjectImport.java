package org.qualitycity.engineering.internal;

import jakarta.validation.Validator;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.qualitycity.indicator.ComputedDataChanged;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.ValidationException.FieldProblem;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Excel import of the existing project register, all or nothing, as the enterprise import does it: the first sheet
 * is read as a stream of rows (POI's SAX event API), every row is checked like a project entered by hand, and the
 * rows are inserted inside one transaction; when any row is bad nothing is kept and every bad row is reported
 * ({@code row[n].column}, n the Excel row). Row 1 is the header; the columns are {@link #COLUMNS} (dates as
 * yyyy-MM-dd; participants by credit code).
 */
@Service
public class ProjectImport {

    static final String[] COLUMNS = {"projectNo", "name", "unitCode", "kind", "investment", "floorArea", "permitDate",
            "startDate", "plannedCompletion", "actualCompletion", "energyStandard", "energyReview", "status", "latitude",
            "longitude", "CONSTRUCTION_UNIT", "BUILDER", "SUPERVISOR", "DESIGNER", "SURVEYOR"};
    static final int MAX_REPORTED = 1000;

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
        Path tmp = null;
        try {
            tmp = Files.createTempFile("qc-project-import", ".xlsx");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return importXlsx(tmp.toFile(), user);
        } catch (IOException e) {
            throw new ValidationException("file", Texts.msg("engineering.error.not-a-valid-xlsx-file"));
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // temp file cleanup only
                }
            }
        }
    }

    private Result importXlsx(File file, CurrentUser user) {
        State state = new State(user);
        try (OPCPackage pkg = OPCPackage.open(file, PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            var sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new ValidationException("file", Texts.msg("engineering.error.not-a-valid-xlsx-file"));
            }
            try (InputStream sheet = sheets.next()) {
                XMLReader xml = XMLHelper.newXMLReader();
                xml.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), null, strings, state,
                        new DataFormatter(), false));
                xml.parse(new InputSource(sheet));
            }
        } catch (ValidationException e) {
            throw e;
        } catch (Exception e) {
            throw new ValidationException("file", Texts.msg("engineering.error.not-a-valid-xlsx-file"));
        }
        if (state.badRows > 0) {
            List<FieldProblem> all = new ArrayList<>();
            all.add(new FieldProblem("file", Texts.msg("engineering.error.rows-have-errors", state.badRows)));
            all.addAll(state.problems);
            throw new ValidationException(all);
        }
        if (state.rows.isEmpty()) {
            throw new ValidationException("file", Texts.msg("engineering.error.no-rows"));
        }
        Set<Integer> years = new TreeSet<>();
        for (ProjectService.NewProject p : state.rows) {
            service.insert(p, user.id(), false);
            if (p.startDate() != null) {
                years.add(p.startDate().getYear());
            }
        }
        audit.record("engineering", "project-import", null, null, "IMPORT", null, Map.of("imported", state.rows.size()));
        if (!years.isEmpty()) {
            events.publishEvent(new ComputedDataChanged(Set.of(EngineeringElements.E6_STARTED,
                    EngineeringElements.E6_COMPLIANT, EngineeringElements.E5, EngineeringElements.E4), years));
        }
        return new Result(state.rows.size());
    }

    private final class State implements XSSFSheetXMLHandler.SheetContentsHandler {
        final CurrentUser user;
        final Set<String> numbers = new HashSet<>();
        final List<FieldProblem> problems = new ArrayList<>();
        final List<ProjectService.NewProject> rows = new ArrayList<>();
        int badRows;
        String[] cells;
        int rowNum;

        State(CurrentUser user) {
            this.user = user;
        }

        @Override
        public void startRow(int rowNum) {
            this.rowNum = rowNum + 1;
            cells = new String[COLUMNS.length];
        }

        @Override
        public void cell(String ref, String value, XSSFComment comment) {
            int col = new org.apache.poi.ss.util.CellReference(ref).getCol();
            if (col < COLUMNS.length) {
                cells[col] = value == null || value.isBlank() ? null : value.trim();
            }
        }

        @Override
        public void endRow(int rowNum) {
            if (this.rowNum == 1) {
                return; // header
            }
            boolean empty = true;
            for (String c : cells) {
                empty &= c == null;
            }
            if (!empty) {
                row(this.rowNum, cells);
            }
        }

        void problem(int row, String field, String message) {
            if (problems.size() < MAX_REPORTED) {
                problems.add(new FieldProblem("row[" + row + "]." + field, Texts.msg("engineering.error.row", row, message)));
            }
        }

        private LocalDate date(int row, int col, List<String> bad) {
            if (cells[col] == null) {
                return null;
            }
            try {
                return LocalDate.parse(cells[col]);
            } catch (DateTimeParseException e) {
                problem(row, COLUMNS[col], Texts.msg("engineering.error.date"));
                bad.add(COLUMNS[col]);
                return null;
            }
        }

        private BigDecimal number(int row, int col, List<String> bad) {
            if (cells[col] == null) {
                return null;
            }
            try {
                return new BigDecimal(cells[col].replace(",", ""));
            } catch (NumberFormatException e) {
                problem(row, COLUMNS[col], Texts.msg("engineering.error.number"));
                bad.add(COLUMNS[col]);
                return null;
            }
        }

        void row(int row, String[] c) {
            List<String> bad = new ArrayList<>();
            List<ProjectService.ParticipantRef> participants = new ArrayList<>();
            for (int i = 15; i < COLUMNS.length; i++) {
                if (c[i] != null) {
                    participants.add(new ProjectService.ParticipantRef(COLUMNS[i], c[i]));
                }
            }
            var p = new ProjectService.NewProject(c[0], c[1], c[2], number(row, 13, bad), number(row, 14, bad),
                    upper(c[3]), number(row, 4, bad), number(row, 5, bad), date(row, 6, bad), date(row, 7, bad),
                    date(row, 8, bad), date(row, 9, bad), c[10], upper(c[11]), upper(c[12]), participants);
            for (var v : validator.validate(p)) {
                String field = v.getPropertyPath().toString();
                if (!bad.contains(field)) {
                    problem(row, field, v.getMessage());
                    bad.add(field);
                }
            }
            for (var pr : service.problems(p, user, "", numbers)) {
                problem(row, pr.field(), pr.message());
                bad.add(pr.field());
            }
            if (!bad.isEmpty()) {
                badRows++;
            } else if (badRows == 0) {
                rows.add(p);
            }
        }

        private static String upper(String s) {
            return s == null ? null : s.toUpperCase(java.util.Locale.ROOT);
        }
    }
}
