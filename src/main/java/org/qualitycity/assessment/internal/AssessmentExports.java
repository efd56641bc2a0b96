package org.qualitycity.assessment.internal;

import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.qualitycity.assessment.AssessmentViews;
import org.qualitycity.platform.ExcelExport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The assessment as an Excel workbook and as a Word circular (通报). */
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
            r.setText("关于" + a.year() + "年度质量强市工作考核结果的通报");
            XWPFParagraph intro = doc.createParagraph();
            intro.createRun().setText("各县(市、区)人民政府、咸宁高新区管委会，市质量强市工作委员会各成员单位：");
            XWPFParagraph body = doc.createParagraph();
            String state = "PUBLISHED".equals(a.state()) ? "经市质量强市工作委员会审定，现将考核结果通报如下。"
                    : "（征求意见稿，尚未发布）现将考核初步结果通报如下。";
            body.createRun().setText("根据《咸宁市创建全国质量强市示范城市实施方案》关于每年对各县(市、区)、相关责任部门、"
                    + "咸宁高新区的创建工作进行督查和考核的要求，市质强办组织开展了" + a.year() + "年度考核。" + state);
            section(doc, "一、县(市、区)及咸宁高新区考核结果", a.districts());
            section(doc, "二、市直成员单位考核结果", a.departments());
            XWPFParagraph end = doc.createParagraph();
            end.createRun().setText("希望各地各部门对照考核结果，查找差距，认真整改，推动质量强市工作再上新台阶。");
            XWPFParagraph sign = doc.createParagraph();
            sign.setAlignment(ParagraphAlignment.RIGHT);
            sign.createRun().setText("咸宁市质量强市工作委员会办公室");
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
        head.getCell(0).setText("名次");
        head.getCell(1).setText("单位");
        head.getCell(2).setText("得分");
        head.getCell(3).setText("得分构成");
        for (int i = 0; i < scores.size(); i++) {
            AssessmentViews.Score s = scores.get(i);
            XWPFTableRow row = table.getRow(i + 1);
            row.getCell(0).setText(s.rankText());
            row.getCell(1).setText(s.unitName());
            row.getCell(2).setText(s.total().toPlainString());
            row.getCell(3).setText(s.lines().stream().map(l -> l.category() + " " + l.points().toPlainString()
                            + (l.detail() == null ? "" : "（" + l.detail() + "）"))
                    .collect(Collectors.joining("；")));
        }
    }
}
