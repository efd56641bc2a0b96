package org.qualitycity.assessment.internal;

import org.qualitycity.assessment.AssessmentViews;
import org.qualitycity.platform.ExcelExport;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The assessment as an Excel workbook (the Word circular: {@link CircularWriter}). */
public final class AssessmentExports {

    private AssessmentExports() {
    }

    public static final List<ExcelExport.Column<AssessmentViews.Score>> COLUMNS = List.of(
            new ExcelExport.Column<>("group", AssessmentViews.Score::target),
            new ExcelExport.Column<>("rank", AssessmentViews.Score::rank),
            new ExcelExport.Column<>("unitCode", AssessmentViews.Score::unitCode),
            new ExcelExport.Column<>("unitName", AssessmentViews.Score::unitName),
            new ExcelExport.Column<>("total", s -> s.total().toPlainString()),
            new ExcelExport.Column<>("breakdown", s -> s.lines().stream()
                    .map(l -> l.code() + " " + l.points().toPlainString()).collect(Collectors.joining("; "))),
            new ExcelExport.Column<>("details", s -> s.lines().stream().filter(l -> l.detail() != null)
                    .map(l -> l.code() + ": " + l.detail()).collect(Collectors.joining("; "))),
            new ExcelExport.Column<>("rankNote", AssessmentViews.Score::rankNote));

    public static List<AssessmentViews.Score> rows(AssessmentViews.Assessment a) {
        List<AssessmentViews.Score> all = new ArrayList<>(a.districts());
        all.addAll(a.departments());
        return all;
    }
}
