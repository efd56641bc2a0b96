package org.qualitycity.assessment.internal;

import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.qualitycity.assessment.AssessmentViews;
import org.qualitycity.plan.PlanInfo;
import org.qualitycity.plan.Plans;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The assessment as a Word circular (通报). Its sentences are message templates ({@code assessment.circular.*});
 * the city's name, its zones and the plan's title are their arguments, read from the unit register and the current
 * plan, so that another city's circular names that city.
 */
@Component
public class CircularWriter {

    private final MessageSource messages;
    private final Units units;
    private final Plans plans;

    CircularWriter(MessageSource messages, Units units, Plans plans) {
        this.messages = messages;
        this.units = units;
        this.plans = plans;
    }

    public byte[] word(AssessmentViews.Assessment a, Locale locale) {
        Unit city = units.city();
        List<Unit> zones = units.areas().stream().filter(u -> u.active() && u.kind() == Unit.Kind.ZONE).toList();
        PlanInfo plan = plans.current();
        String planTitle = "en".equals(locale.getLanguage()) && plan.titleEn() != null ? plan.titleEn() : plan.titleZh();
        String zoneAddressees = zones.stream().map(z -> t(locale, "assessment.circular.zone.addressee", z.name(locale)))
                .collect(Collectors.joining());
        String zoneNames = zones.stream().map(z -> t(locale, "assessment.circular.zone.listed", z.name(locale)))
                .collect(Collectors.joining());
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XWPFParagraph title = doc.createParagraph();
            title.setAlignment(ParagraphAlignment.CENTER);
            XWPFRun r = title.createRun();
            r.setBold(true);
            r.setFontSize(18);
            r.setText(t(locale, "assessment.circular.title", String.valueOf(a.year())));
            doc.createParagraph().createRun().setText(t(locale, "assessment.circular.addressees", zoneAddressees));
            String state = t(locale, "PUBLISHED".equals(a.state()) ? "assessment.circular.published"
                    : "assessment.circular.draft");
            doc.createParagraph().createRun().setText(t(locale, "assessment.circular.body", planTitle, zoneNames,
                    String.valueOf(a.year()), state));
            section(doc, locale, t(locale, "assessment.circular.areas", zoneNames), a.districts());
            section(doc, locale, t(locale, "assessment.circular.departments"), a.departments());
            doc.createParagraph().createRun().setText(t(locale, "assessment.circular.closing"));
            XWPFParagraph sign = doc.createParagraph();
            sign.setAlignment(ParagraphAlignment.RIGHT);
            sign.createRun().setText(t(locale, "assessment.circular.signer", city.name(locale)));
            if (a.publishedAt() != null) {
                XWPFParagraph date = doc.createParagraph();
                date.setAlignment(ParagraphAlignment.RIGHT);
                date.createRun().setText(a.publishedAt().atZone(org.qualitycity.platform.ApplicationZone.ZONE)
                        .toLocalDate().toString());
            }
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void section(XWPFDocument doc, Locale locale, String heading, List<AssessmentViews.Score> scores) {
        XWPFParagraph h = doc.createParagraph();
        XWPFRun r = h.createRun();
        r.setBold(true);
        r.setText(heading);
        XWPFTable table = doc.createTable(scores.size() + 1, 4);
        XWPFTableRow head = table.getRow(0);
        head.getCell(0).setText(t(locale, "assessment.circular.col.rank"));
        head.getCell(1).setText(t(locale, "assessment.circular.col.unit"));
        head.getCell(2).setText(t(locale, "assessment.circular.col.total"));
        head.getCell(3).setText(t(locale, "assessment.circular.col.breakdown"));
        for (int i = 0; i < scores.size(); i++) {
            AssessmentViews.Score s = scores.get(i);
            XWPFTableRow row = table.getRow(i + 1);
            row.getCell(0).setText(s.rankText());
            row.getCell(1).setText(s.unitName());
            row.getCell(2).setText(s.total().toPlainString());
            row.getCell(3).setText(s.lines().stream()
                    .map(l -> l.detail() == null ? t(locale, "assessment.circular.line", l.category(), l.points().toPlainString())
                            : t(locale, "assessment.circular.line.detail", l.category(), l.points().toPlainString(), l.detail()))
                    .collect(Collectors.joining(t(locale, "assessment.circular.line.separator"))));
        }
    }

    private String t(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
