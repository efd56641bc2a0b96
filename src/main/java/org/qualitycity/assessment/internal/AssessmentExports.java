package org.qualitycity.assessment.internal;

import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.qualitycity.assessment.AssessmentViews;
import org.qualitycity.platform.ExcelExport;
import org.qualitycity.platform.Texts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The assessment as an Excel workbook and as a Word circular (通报), the latter in the language of the user who
 * asks for it (its sentences are messages of the assessment bundle).
 */
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

    public static byte[] word(AssessmentViews.Assessment a) {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XWPFParagraph title = doc.createParagraph();
            title.setAlignment(ParagraphAlignment.CENTER);
            XWPFRun r = title.createRun();
            r.setBold(true);
            r.setFontSize(18);
            r.setText(Texts.msg("assessment.word.title", a.year()));
            XWPFParagraph intro = doc.createParagraph();
            intro.createRun().setText(Texts.msg("assessment.word.addressees"));
            XWPFParagraph body = doc.createParagraph();
            String state = Texts.msg("PUBLISHED".equals(a.state()) ? "assessment.word.published"
                    : "assessment.word.draft");
            body.createRun().setText(Texts.msg("assessment.word.body", a.year(), state));
            section(doc, Texts.msg("assessment.word.districts"), a.districts());
            section(doc, Texts.msg("assessment.word.departments"), a.departments());
            XWPFParagraph end = doc.createParagraph();
            end.createRun().setText(Texts.msg("assessment.word.closing"));
            XWPFParagraph sign = doc.createParagraph();
            sign.setAlignment(ParagraphAlignment.RIGHT);
            sign.createRun().setText(Texts.msg("assessment.word.signature"));
            if (a.publishedAt() != null) {
                XWPFParagraph date = doc.createParagraph();
                date.setAlignment(ParagraphAlignment.RIGHT);
                date.createRun().setText(a.publishedAt().atZone(org.qualitycity.platform.ApplicationZone.ZONE).toLocalDate().toString());
            }
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void section(XWPFDocument doc, String heading, List<AssessmentViews.Score> scores) {
        XWPFParagraph h = doc.createParagraph();
        XWPFRun r = h.createRun();
        r.setBold(true);
        r.setText(heading);
        XWPFTable table = doc.createTable(scores.size() + 1, 4);
        XWPFTableRow head = table.getRow(0);
        head.getCell(0).setText(Texts.msg("assessment.word.rank"));
        head.getCell(1).setText(Texts.msg("assessment.word.unit"));
        head.getCell(2).setText(Texts.msg("assessment.word.total"));
        head.getCell(3).setText(Texts.msg("assessment.word.breakdown"));
        for (int i = 0; i < scores.size(); i++) {
            AssessmentViews.Score s = scores.get(i);
            XWPFTableRow row = table.getRow(i + 1);
            row.getCell(0).setText(s.rankText());
            row.getCell(1).setText(s.unitName());
            row.getCell(2).setText(s.total().toPlainString());
            row.getCell(3).setText(s.lines().stream().map(l -> l.detail() == null
                            ? Texts.msg("assessment.word.line", l.category(), l.points().toPlainString())
                            : Texts.msg("assessment.word.line-detail", l.category(), l.points().toPlainString(), l.detail()))
                    .collect(Collectors.joining(Texts.msg("assessment.word.line-separator"))));
        }
    }
}
