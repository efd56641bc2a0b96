package org.qualitycity.report.internal;

import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The writer alone (no application): every chapter, native charts, and the same bytes from the same snapshot. */
class DocxRenderingTest {

    static ContentBuilder content() {
        ResourceBundleMessageSource m = new ResourceBundleMessageSource();
        m.setBasenames("i18n/report_messages");
        m.setDefaultEncoding(StandardCharsets.UTF_8.name());
        m.setFallbackToSystemLocale(false);
        return new ContentBuilder(m);
    }

    static Snapshot snapshot(String kind, String sector, String period) {
        var city = new Snapshot.Place("990000", "示例市", "Sample City");
        var a = new Snapshot.Place("990001", "甲县", "County A");
        var b = new Snapshot.Place("990002", "乙县", "County B");
        var p2 = new Snapshot.Ind("P2", "PRODUCT", "PLAN_INDICATOR", "监督抽查合格率", "Pass rate", "PERCENT", null, 2);
        var e1 = new Snapshot.Ind("E1", "ENGINEERING", "PLAN_INDICATOR", "一次验收合格率", "First-pass rate", "PERCENT", null, 1);
        var c1 = new Snapshot.Ind("C1", "PRODUCT", "COUNT_TARGET", "国家级质检中心", "National centres", "COUNT", "个", 0);
        List<Snapshot.Val> values = new java.util.ArrayList<>();
        for (String pe : List.of("2024", "2025", "2024Q2", "2025Q2")) {
            int k = pe.startsWith("2025") ? 1 : 0;
            for (var u : List.of(city, a, b)) {
                values.add(new Snapshot.Val("P2", u.code(), pe, new BigDecimal("95.5").add(BigDecimal.valueOf(k + u.code().hashCode() % 3)),
                        "GE", new BigDecimal("96"), k == 1 ? "MET" : "NOT_MET"));
                values.add(new Snapshot.Val("E1", u.code(), pe, new BigDecimal("99.0"), "GE", new BigDecimal("98"), "MET"));
            }
            values.add(new Snapshot.Val("C1", city.code(), pe, BigDecimal.valueOf(k + 1), "COUNT_GE", BigDecimal.ONE, "MET"));
        }
        List<String> periods = period.contains("Q") ? List.of("2024Q2", "2025Q2") : List.of("2024", "2025");
        return new Snapshot(kind, sector, period, 2025, "zh", "2026-01-15T02:00:00Z", "示例规划", "Sample plan", city,
                List.of(a, b), sector == null ? List.of(p2, e1, c1) : List.of(p2, c1), periods, values,
                sector == null ? new Snapshot.Product(List.of(
                        new Snapshot.Category("FOOD-DAIRY", "乳制品", "Dairy products", "FOOD", 2024, 10, 9),
                        new Snapshot.Category("FOOD-DAIRY", "乳制品", "Dairy products", "FOOD", 2025, 8, 8)),
                        List.of(new Snapshot.Count("P2", "2025", "监督抽查合格批次数", "Passed", new BigDecimal("96"),
                                "监督抽查批次数", "Tested", new BigDecimal("100")))) : null);
    }

    static byte[] template() throws Exception {
        try (var in = DocxRenderingTest.class.getResourceAsStream("/" + ReportService.BUNDLED_TEMPLATE)) {
            return in.readAllBytes();
        }
    }

    private static byte[] render(ContentBuilder cb, Snapshot s, Map<String, String> texts) throws Exception {
        return new DocxWriter().render(template(), new DocxWriter.Filling(cb.chapters(s, texts),
                Map.of("title", cb.title(s), "subtitle", "x"), Instant.parse(s.generatedAt())), n -> { });
    }

    @Test
    void whitePaperHasEveryChapterAndIsTheSameTwice() throws Exception {
        ContentBuilder cb = content();
        Snapshot s = snapshot("WHITE_PAPER", null, "2025");
        byte[] first = render(cb, s, Map.of("closing", "质量办撰写的结语"));
        byte[] second = render(cb, s, Map.of("closing", "质量办撰写的结语"));
        assertThat(second).isEqualTo(first);
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(first))) {
            String text = String.join("\n", doc.getParagraphs().stream().map(XWPFParagraph::getText).toList());
            assertThat(text).contains("示例市2025年质量白皮书");
            for (String key : ContentBuilder.WHITE_PAPER) {
                assertThat(text).contains(cb.chapters(s, Map.of()).stream().filter(c -> c.key().equals(key)).findFirst()
                        .orElseThrow().title());
            }
            assertThat(text).contains("质量办撰写的结语").doesNotContain("{{");
            assertThat(doc.getCharts()).isNotEmpty();
            assertThat(doc.getTables()).isNotEmpty();
            // the product chapter: spot checks by category (this year, the year before, P2's target) and the counts
            var categories = WhitePaperTest.tableAfterCaption(doc, "2025年监督抽查分产品类别合格情况");
            assertThat(categories.getRow(1).getTableCells().stream().map(x -> x.getText()).toList())
                    .containsExactly("乳制品", "食品", "8", "8", "100.00", "90.00", "≥96");
            var counts = WhitePaperTest.tableAfterCaption(doc, "2025年产品质量主要指标的统计数据");
            assertThat(counts.getRow(1).getCell(1).getText()).isEqualTo("监督抽查合格批次数");
            assertThat(counts.getRow(1).getCell(2).getText()).isEqualTo("96");
        }
    }

    @Test
    void quarterlyAnalysisHasTrendMoversAndRisks() throws Exception {
        ContentBuilder cb = content();
        Snapshot s = snapshot("ANALYSIS", "PRODUCT", "2025Q2");
        byte[] bytes = render(cb, s, Map.of());
        assertThat(render(cb, s, Map.of())).isEqualTo(bytes);
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes))) {
            String text = String.join("\n", doc.getParagraphs().stream().map(XWPFParagraph::getText).toList());
            assertThat(text).contains("变化趋势", "变化最大的地区与指标", "有风险的指标", "2025年第2季度");
        }
    }
}
