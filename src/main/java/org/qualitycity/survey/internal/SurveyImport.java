package org.qualitycity.survey.internal;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.qualitycity.indicator.ComputedDataChanged;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.ValidationException.FieldProblem;
import org.qualitycity.survey.internal.Dtos.AnswerIn;
import org.qualitycity.survey.internal.Dtos.ImportResult;
import org.qualitycity.survey.internal.Dtos.QuestionView;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A survey firm's raw answers from CSV (UTF-8, comma-separated, quotes as RFC 4180) or .xlsx (the first sheet), all
 * or nothing, in the enterprise import's manner: row 1 is the header — {@code respondent}, {@code district} (a unit
 * code), {@code sector} (a sector code), optionally {@code channel} and {@code interviewer}, then one column per
 * question code (a score 1–10, an option, options separated by {@code |}, or text); every row is checked and any bad
 * row rolls everything back, the 400 naming every bad row as {@code row[n].column} (n: the file's row number).
 */
@Service
public class SurveyImport {

    static final int MAX_ROWS = 200_000;
    static final int MAX_REPORTED = 1000;
    private static final int BATCH = 1000;

    private final SurveyService surveys;
    private final AuditLog audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    SurveyImport(SurveyService surveys, AuditLog audit, Clock clock, ApplicationEventPublisher events) {
        this.surveys = surveys;
        this.audit = audit;
        this.clock = clock;
        this.events = events;
    }

    @Transactional
    public ImportResult importFile(long surveyId, String fileName, InputStream in, CurrentUser user) throws IOException {
        SurveyService.SurveyRow survey = surveys.requireVisible(surveyId, user);
        byte[] bytes = in.readNBytes(64 * 1024 * 1024);
        List<String[]> rows = isXlsx(bytes) ? xlsx(bytes) : csv(new String(bytes, StandardCharsets.UTF_8));
        if (rows.isEmpty()) {
            throw new ValidationException("file", Texts.msg("survey.error.import-empty"));
        }
        if (rows.size() > MAX_ROWS) {
            throw new ValidationException("file", Texts.msg("survey.error.import-too-many", MAX_ROWS));
        }
        String[] header = Arrays.stream(rows.get(0)).map(h -> h == null ? "" : h.trim()).toArray(String[]::new);
        SurveyService.Checker checker = surveys.checker(survey);
        List<FieldProblem> problems = new ArrayList<>();
        int respondent = -1;
        int district = -1;
        int sector = -1;
        int channel = -1;
        int interviewer = -1;
        Set<String> seenColumns = new HashSet<>();
        for (int c = 0; c < header.length; c++) {
            String h = header[c];
            switch (h) {
                case "respondent" -> respondent = c;
                case "district" -> district = c;
                case "sector" -> sector = c;
                case "channel" -> channel = c;
                case "interviewer" -> interviewer = c;
                default -> {
                    if (!h.isEmpty() && !checker.questions.containsKey(h)) {
                        problems.add(new FieldProblem("row[1]." + h, Texts.msg("survey.error.unknown-question", h)));
                    }
                }
            }
            if (!h.isEmpty() && !seenColumns.add(h)) {
                problems.add(new FieldProblem("row[1]." + h, Texts.msg("survey.error.duplicate-column", h)));
            }
        }
        if (district < 0) {
            problems.add(new FieldProblem("row[1].district", Texts.msg("survey.error.column-missing", "district")));
        }
        if (sector < 0) {
            problems.add(new FieldProblem("row[1].sector", Texts.msg("survey.error.column-missing", "sector")));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        int badRows = 0;
        List<SurveyService.NewResponse> pending = new ArrayList<>();
        int imported = 0;
        Set<String> respondents = new HashSet<>();
        for (int i = 1; i < rows.size(); i++) {
            String[] cells = rows.get(i);
            int rowNumber = i + 1;
            if (Arrays.stream(cells).allMatch(c -> c == null || c.isBlank())) {
                continue;
            }
            List<FieldProblem> mine = new ArrayList<>();
            String prefix = "row[" + rowNumber + "].";
            Long d = checker.district(cell(cells, district), prefix + "district", mine);
            String s = cell(cells, sector);
            if (checker.sector(s, prefix + "sector", mine)) {
                checker.stratum(d, s, prefix + "district", mine);
            }
            String ch = channel < 0 || cell(cells, channel) == null ? "IMPORT" : cell(cells, channel);
            if (!ch.equals("IMPORT") && !SurveyService.INTERVIEW_CHANNELS.contains(ch)) {
                mine.add(new FieldProblem(prefix + "channel", Texts.msg("survey.error.unknown-channel", ch)));
            }
            String ref = cell(cells, respondent);
            if (ref != null && (ref.length() > 64 || !respondents.add(ref))) {
                mine.add(new FieldProblem(prefix + "respondent", Texts.msg("survey.error.duplicate-respondent", ref)));
            }
            List<AnswerIn> answers = new ArrayList<>();
            for (int c = 0; c < header.length; c++) {
                QuestionView q = checker.questions.get(header[c]);
                String v = cell(cells, c);
                if (q == null || v == null) {
                    continue;
                }
                switch (q.kind()) {
                    case "SCALE" -> {
                        Integer score = integer(v);
                        if (score == null) {
                            mine.add(new FieldProblem(prefix + q.code(), Texts.msg("survey.error.score-range", v)));
                        } else {
                            answers.add(new AnswerIn(q.code(), score, null, null));
                        }
                    }
                    case "SINGLE", "MULTIPLE" -> answers.add(new AnswerIn(q.code(), null,
                            Arrays.stream(v.split("\\|")).map(String::trim).filter(x -> !x.isEmpty()).toList(), null));
                    default -> answers.add(new AnswerIn(q.code(), null, null, v.length() > 2000 ? v.substring(0, 2000) : v));
                }
            }
            Map<Long, AnswerIn> checked = checker.answers(answers, code -> code.equals("answers") ? prefix + "answers"
                    : prefix + code.replace(".question", ""), mine, true);
            if (!mine.isEmpty()) {
                badRows++;
                for (FieldProblem p : mine) {
                    if (problems.size() < MAX_REPORTED) {
                        problems.add(new FieldProblem(p.field(), Texts.msg("survey.error.row", rowNumber, p.message())));
                    }
                }
                continue;
            }
            if (badRows > 0) {
                continue; // nothing will be imported; keep checking the rest
            }
            String iv = interviewer < 0 ? null : cell(cells, interviewer);
            pending.add(new SurveyService.NewResponse(survey.id(), survey.version(), d, s, ch,
                    iv == null ? null : iv.substring(0, Math.min(100, iv.length())), null, ref, clock.instant(), checked,
                    false));
            if (pending.size() >= BATCH) {
                imported += surveys.store(pending).size();
                pending.clear();
            }
        }
        if (badRows > 0) {
            List<FieldProblem> all = new ArrayList<>();
            all.add(new FieldProblem("file", Texts.msg("survey.error.rows-have-errors", badRows)));
            all.addAll(problems);
            throw new ValidationException(all);
        }
        imported += surveys.store(pending).size();
        if (imported == 0) {
            throw new ValidationException("file", Texts.msg("survey.error.import-empty"));
        }
        audit.record("survey", "response-import", surveyId, survey.ownerUnitId(), "IMPORT", null,
                Map.of("imported", imported, "file", fileName == null ? "" : fileName));
        events.publishEvent(new ComputedDataChanged(SurveyElements.ELEMENTS, Set.of(survey.year())));
        return new ImportResult(imported);
    }

    private static String cell(String[] cells, int c) {
        if (c < 0 || c >= cells.length || cells[c] == null || cells[c].isBlank()) {
            return null;
        }
        return cells[c].trim();
    }

    private static Integer integer(String v) {
        String t = v.endsWith(".0") ? v.substring(0, v.length() - 2) : v;
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean isXlsx(byte[] b) {
        return b.length > 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
    }

    private static List<String[]> xlsx(byte[] bytes) {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            if (wb.getNumberOfSheets() == 0) {
                throw new ValidationException("file", Texts.msg("survey.error.import-unreadable"));
            }
            DataFormatter f = new DataFormatter();
            List<String[]> rows = new ArrayList<>();
            var sheet = wb.getSheetAt(0);
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (row == null) {
                    rows.add(new String[0]);
                    continue;
                }
                String[] cells = new String[Math.max(0, row.getLastCellNum())];
                for (int c = 0; c < cells.length; c++) {
                    cells[c] = row.getCell(c) == null ? null : f.formatCellValue(row.getCell(c));
                }
                rows.add(cells);
            }
            return rows;
        } catch (ValidationException e) {
            throw e;
        } catch (Exception e) {
            throw new ValidationException("file", Texts.msg("survey.error.import-unreadable"));
        }
    }

    /** RFC 4180 CSV: commas, double quotes around fields with commas, quotes or line breaks ("" inside). */
    static List<String[]> csv(String text) {
        List<String[]> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int start = text.startsWith("\uFEFF") ? 1 : 0;
        for (int i = start; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"' && cell.isEmpty()) {
                quoted = true;
            } else if (ch == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row.toArray(String[]::new));
                row = new ArrayList<>();
            } else {
                cell.append(ch);
            }
        }
        if (!cell.isEmpty() || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row.toArray(String[]::new));
        }
        return rows;
    }
}
