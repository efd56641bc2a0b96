package org.qualitycity.report.internal;

import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

import java.io.FileOutputStream;
import java.math.BigInteger;
import java.nio.file.Path;

/**
 * Writes the bundled report template ({@code src/main/resources/report/report-template.docx}); run it by hand when the
 * default layout changes (the office edits its own copies in Word and uploads them as new versions):
 * {@code java -cp <test classpath> org.qualitycity.report.internal.BundledTemplateWriter}.
 */
public final class BundledTemplateWriter {

    private BundledTemplateWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "src/main/resources/report/report-template.docx");
        try (XWPFDocument doc = new XWPFDocument()) {
            XWPFStyles styles = doc.createStyles();
            styles.setEastAsia("SimSun");
            styles.setSpellingLanguage("zh-CN");
            style(styles, "Title", "Title", 44, true, null);
            style(styles, "Heading1", "heading 1", 32, true, 0);
            style(styles, "BodyText", "Body Text", 24, false, null);
            style(styles, "Caption", "caption", 20, true, null);
            XWPFParagraph title = doc.createParagraph();
            title.setStyle("Title");
            title.setAlignment(ParagraphAlignment.CENTER);
            XWPFRun r = title.createRun();
            r.setText("{{title}}");
            XWPFParagraph sub = doc.createParagraph();
            sub.setAlignment(ParagraphAlignment.CENTER);
            sub.createRun().setText("{{subtitle}}");
            doc.createParagraph().createRun().setText("{{chapters}}");
            doc.getProperties().getCoreProperties().setCreated(java.util.Optional.of(new java.util.Date(946684800000L)));
            try (FileOutputStream fos = new FileOutputStream(out.toFile())) {
                doc.write(fos);
            }
        }
    }

    private static void style(XWPFStyles styles, String id, String name, int halfPoints, boolean bold, Integer outline) {
        CTStyle s = CTStyle.Factory.newInstance();
        s.setStyleId(id);
        s.setType(STStyleType.PARAGRAPH);
        s.addNewName().setVal(name);
        s.addNewQFormat();
        var ppr = s.addNewPPr();
        ppr.addNewSpacing().setAfter(BigInteger.valueOf(120));
        if (outline != null) {
            ppr.addNewOutlineLvl().setVal(BigInteger.valueOf(outline));
            ppr.getSpacing().setBefore(BigInteger.valueOf(240));
            ppr.addNewKeepNext();
        }
        var rpr = s.addNewRPr();
        if (bold) {
            rpr.addNewB();
        }
        rpr.addNewSz().setVal(BigInteger.valueOf(halfPoints));
        styles.addStyle(new XWPFStyle(s, styles));
    }
}
