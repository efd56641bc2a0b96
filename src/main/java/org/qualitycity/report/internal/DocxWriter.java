package org.qualitycity.report.internal;

import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.util.Units;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFChart;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.apache.xmlbeans.XmlCursor;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lays a report's chapters out in its Word template. The template is an ordinary .docx the office edits in Word;
 * a paragraph that holds only a placeholder is replaced by what it names:
 * <ul>
 *   <li>{@code {{chapters}}}: every chapter in order; {@code {{chapter:product}}}: one chapter (heading, text,
 *   tables, charts);</li>
 *   <li>{@code {{text:closing}}}: a chapter's text alone; {@code {{table:districts:P2}}}, {@code {{chart:districts:P2}}}:
 *   one table or chart by its id;</li>
 * </ul>
 * and {@code {{title}}}, {@code {{year}}}, {@code {{period}}}, {@code {{city}}}, {@code {{date}}} inside any
 * paragraph are replaced by their words. Charts are native Word charts (their labels are the document's fonts).
 * The output is deterministic: the same snapshot, texts and template give the same bytes
 * ({@link DocxNormalizer}).
 */
@Component
class DocxWriter {

    private static final Pattern BLOCK = Pattern.compile("\\{\\{\\s*(chapters|chapter:[a-z]+|text:[a-z]+|"
            + "table:[A-Za-z0-9:_-]+|chart:[A-Za-z0-9:_-]+)\\s*}}");
    private static final Pattern INLINE = Pattern.compile("\\{\\{\\s*([a-z]+)\\s*}}");

    /** Placeholders in the template a document fills: the chapters and the inline words. */
    record Filling(List<Content.Chapter> chapters, Map<String, String> words, Instant created) {
    }

    byte[] render(byte[] template, Filling f, IntConsumer chapterDone) {
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(template));
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (XWPFParagraph p : new ArrayList<>(doc.getParagraphs())) {
                String text = p.getText() == null ? "" : p.getText().trim();
                Matcher m = BLOCK.matcher(text);
                if (m.matches()) {
                    fill(doc, p, m.group(1), f, chapterDone);
                    doc.removeBodyElement(doc.getPosOfParagraph(p));
                } else if (text.contains("{{")) {
                    inline(p, f.words());
                }
            }
            var core = doc.getProperties().getCoreProperties();
            core.setCreated(java.util.Optional.of(java.util.Date.from(f.created())));
            core.setModified(java.util.Optional.of(java.util.Date.from(f.created())));
            core.setTitle(f.words().getOrDefault("title", ""));
            doc.write(out);
            return DocxNormalizer.normalize(out.toByteArray(), f.created());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    private void fill(XWPFDocument doc, XWPFParagraph anchor, String what, Filling f, IntConsumer chapterDone)
            throws IOException, org.apache.poi.openxml4j.exceptions.InvalidFormatException {
        if (what.equals("chapters")) {
            int n = 0;
            for (Content.Chapter c : f.chapters()) {
                chapter(doc, anchor, c);
                chapterDone.accept(++n);
            }
            return;
        }
        String kind = what.substring(0, what.indexOf(':'));
        String id = what.substring(what.indexOf(':') + 1);
        switch (kind) {
            case "chapter" -> {
                for (int i = 0; i < f.chapters().size(); i++) {
                    if (f.chapters().get(i).key().equals(id)) {
                        chapter(doc, anchor, f.chapters().get(i));
                        chapterDone.accept(i + 1);
                    }
                }
            }
            case "text" -> f.chapters().stream().filter(c -> c.key().equals(id)).findFirst()
                    .ifPresent(c -> text(doc, anchor, c.text()));
            default -> {
                for (Content.Chapter c : f.chapters()) {
                    for (Content.Block b : c.blocks()) {
                        if (b.id().equals(id) && (kind.equals("table") == b instanceof Content.Table)) {
                            block(doc, anchor, b);
                        }
                    }
                }
            }
        }
    }

    private void chapter(XWPFDocument doc, XWPFParagraph anchor, Content.Chapter c)
            throws IOException, org.apache.poi.openxml4j.exceptions.InvalidFormatException {
        XWPFParagraph h = before(doc, anchor);
        style(doc, h, "Heading1");
        XWPFRun r = h.createRun();
        r.setBold(true);
        r.setFontSize(16);
        r.setText(c.title());
        text(doc, anchor, c.text());
        for (Content.Block b : c.blocks()) {
            block(doc, anchor, b);
        }
    }

    private void text(XWPFDocument doc, XWPFParagraph anchor, String text) {
        for (String line : text.split("\\r?\\n")) {
            if (line.isBlank()) {
                continue;
            }
            XWPFParagraph p = before(doc, anchor);
            style(doc, p, "BodyText");
            p.setFirstLineIndent(480);
            p.createRun().setText(line.strip());
        }
    }

    private void block(XWPFDocument doc, XWPFParagraph anchor, Content.Block b)
            throws IOException, org.apache.poi.openxml4j.exceptions.InvalidFormatException {
        if (b instanceof Content.Table t) {
            table(doc, anchor, t);
        } else if (b instanceof Content.Chart c) {
            chart(doc, anchor, c);
        }
    }

    private void table(XWPFDocument doc, XWPFParagraph anchor, Content.Table t) {
        caption(doc, anchor, t.caption());
        XmlCursor cursor = anchor.getCTP().newCursor();
        XWPFTable table = doc.insertNewTbl(cursor);
        cursor.dispose();
        table.setWidth("100%");
        for (var border : List.<java.util.function.Consumer<XWPFTable>>of(
                x -> x.setTopBorder(XWPFTable.XWPFBorderType.SINGLE, 4, 0, "auto"),
                x -> x.setBottomBorder(XWPFTable.XWPFBorderType.SINGLE, 4, 0, "auto"),
                x -> x.setLeftBorder(XWPFTable.XWPFBorderType.SINGLE, 4, 0, "auto"),
                x -> x.setRightBorder(XWPFTable.XWPFBorderType.SINGLE, 4, 0, "auto"),
                x -> x.setInsideHBorder(XWPFTable.XWPFBorderType.SINGLE, 4, 0, "auto"),
                x -> x.setInsideVBorder(XWPFTable.XWPFBorderType.SINGLE, 4, 0, "auto"))) {
            border.accept(table);
        }
        XWPFTableRow head = table.getRows().isEmpty() ? table.createRow() : table.getRow(0);
        while (head.getTableCells().size() < t.header().size()) {
            head.addNewTableCell();
        }
        for (int i = 0; i < t.header().size(); i++) {
            cell(head, i, t.header().get(i), true);
        }
        head.setRepeatHeader(true);
        for (List<String> values : t.rows()) {
            XWPFTableRow row = table.createRow();
            for (int i = 0; i < values.size(); i++) {
                cell(row, i, values.get(i), false);
            }
        }
        before(doc, anchor);
    }

    private static void cell(XWPFTableRow row, int i, String text, boolean bold) {
        var cell = row.getCell(i) != null ? row.getCell(i) : row.addNewTableCell();
        XWPFParagraph p = cell.getParagraphs().isEmpty() ? cell.addParagraph() : cell.getParagraphs().get(0);
        XWPFRun r = p.createRun();
        r.setBold(bold);
        r.setFontSize(10);
        r.setText(text);
    }

    private void chart(XWPFDocument doc, XWPFParagraph anchor, Content.Chart c)
            throws IOException, org.apache.poi.openxml4j.exceptions.InvalidFormatException {
        XWPFParagraph p = before(doc, anchor);
        p.setAlignment(ParagraphAlignment.CENTER);
        XWPFChart chart = doc.createChart(p.createRun(), 15 * Units.EMU_PER_CENTIMETER, 8 * Units.EMU_PER_CENTIMETER);
        chart.setTitleText(c.title());
        chart.setTitleOverlay(false);
        chart.getOrAddLegend().setPosition(LegendPosition.BOTTOM);
        XDDFCategoryAxis x = chart.createCategoryAxis(AxisPosition.BOTTOM);
        XDDFValueAxis y = chart.createValueAxis(AxisPosition.LEFT);
        y.setCrosses(AxisCrosses.AUTO_ZERO);
        int n = c.categories().size();
        var categories = XDDFDataSourcesFactory.fromArray(c.categories().toArray(String[]::new),
                chart.formatRange(new CellRangeAddress(1, n, 0, 0)), 0);
        XDDFBarChartData data = (XDDFBarChartData) chart.createData(ChartTypes.BAR, x, y);
        data.setBarDirection(BarDirection.COL);
        for (int s = 0; s < c.series().size(); s++) {
            Double[] values = c.values().get(s).stream().map(v -> v == null ? Double.NaN : v).toArray(Double[]::new);
            var numbers = XDDFDataSourcesFactory.fromArray(values,
                    chart.formatRange(new CellRangeAddress(1, n, s + 1, s + 1)), s + 1);
            var series = data.addSeries(categories, numbers);
            series.setTitle(c.series().get(s), chart.setSheetTitle(c.series().get(s), s + 1));
        }
        data.setVaryColors(false);
        chart.plot(data);
        caption(doc, anchor, c.title());
    }

    private void caption(XWPFDocument doc, XWPFParagraph anchor, String text) {
        XWPFParagraph p = before(doc, anchor);
        style(doc, p, "Caption");
        p.setAlignment(ParagraphAlignment.CENTER);
        XWPFRun r = p.createRun();
        r.setBold(true);
        r.setFontSize(10);
        r.setText(text);
    }

    /** A new paragraph just before the anchor (so successive inserts keep their order). */
    private static XWPFParagraph before(XWPFDocument doc, XWPFParagraph anchor) {
        XmlCursor cursor = anchor.getCTP().newCursor();
        XWPFParagraph p = doc.insertNewParagraph(cursor);
        cursor.dispose();
        return p;
    }

    private static void style(XWPFDocument doc, XWPFParagraph p, String style) {
        if (doc.getStyles() != null && doc.getStyles().styleExist(style)) {
            p.setStyle(style);
        }
    }

    /** Replaces {{word}} placeholders inside a paragraph; its runs are merged into the first (Word splits runs). */
    private static void inline(XWPFParagraph p, Map<String, String> words) {
        String text = p.getText();
        Matcher m = INLINE.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(words.getOrDefault(m.group(1), m.group())));
        }
        m.appendTail(sb);
        List<XWPFRun> runs = p.getRuns();
        if (runs.isEmpty()) {
            return;
        }
        for (int i = runs.size() - 1; i > 0; i--) {
            p.removeRun(i);
        }
        p.getRuns().get(0).setText(sb.toString(), 0);
    }
}
