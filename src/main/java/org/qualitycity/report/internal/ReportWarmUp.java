package org.qualitycity.report.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Issue 18, "the white paper in under 60 s" also for the first one after a start: the first document a JVM renders
 * pays for loading Apache POI's OOXML schema classes (WordprocessingML, DrawingML charts and the SpreadsheetML
 * workbook every native chart embeds), the message bundles and the JIT; measured at ten times a warm generation
 * (docs/benchmarks/issue-18-report.md). Once the application is ready, a low-priority background thread renders a
 * small document of invented figures (the bundled template, every white-paper chapter, tables and a chart) and throws
 * it away, so that the office's first generation finds that machinery loaded. Nothing is stored; it reads no data.
 * {@code qc.report.warm-up: false} switches it off.
 */
@Component
class ReportWarmUp {

    private static final Logger log = LoggerFactory.getLogger(ReportWarmUp.class);

    private final ContentBuilder content;
    private final DocxWriter writer;
    private final boolean enabled;
    private final CompletableFuture<Integer> done = new CompletableFuture<>();

    ReportWarmUp(ContentBuilder content, DocxWriter writer, @Value("${qc.report.warm-up:true}") boolean enabled) {
        this.content = content;
        this.writer = writer;
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        if (!enabled) {
            done.complete(0);
            return;
        }
        Thread t = new Thread(this::run, "report-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** Completes with the size of the warm-up document (0 when switched off) once it is rendered. */
    CompletableFuture<Integer> done() {
        return done;
    }

    private void run() {
        long t0 = System.nanoTime();
        try (InputStream in = ReportWarmUp.class.getResourceAsStream("/" + ReportGenerator.BUNDLED_TEMPLATE)) {
            byte[] template = in.readAllBytes();
            Snapshot s = sample();
            byte[] bytes = writer.render(template, new DocxWriter.Filling(content.chapters(s, Map.of()),
                    Map.of("title", content.title(s)), Instant.parse(s.generatedAt())), n -> { });
            log.info("Report machinery warmed up in {} ms", (System.nanoTime() - t0) / 1_000_000);
            done.complete(bytes.length);
        } catch (Exception | LinkageError e) {
            log.warn("Report warm-up failed (the first white paper will be slower): {}", e.toString());
            done.completeExceptionally(e);
        }
    }

    /** Invented figures: a city, two areas, a product and an engineering indicator with a chart, a count target. */
    static Snapshot sample() {
        var city = new Snapshot.Place("000000", "warm-up", "warm-up");
        var a = new Snapshot.Place("000001", "a", "a");
        var b = new Snapshot.Place("000002", "b", "b");
        var p2 = new Snapshot.Ind("P2", "PRODUCT", ContentBuilder.PLAN_INDICATOR, "P2", "P2", "PERCENT", null, 2);
        var e1 = new Snapshot.Ind("E1", "ENGINEERING", ContentBuilder.PLAN_INDICATOR, "E1", "E1", "PERCENT", null, 1);
        var c1 = new Snapshot.Ind("C1", "PRODUCT", ContentBuilder.COUNT_TARGET, "C1", "C1", "COUNT", null, 0);
        List<Snapshot.Val> values = new ArrayList<>();
        for (String pe : List.of("2000", "2001")) {
            for (var u : List.of(city, a, b)) {
                values.add(new Snapshot.Val("P2", u.code(), pe, new BigDecimal("95.5"), "GE", new BigDecimal("96"), "NOT_MET"));
                values.add(new Snapshot.Val("E1", u.code(), pe, new BigDecimal("99.0"), "GE", new BigDecimal("98"), "MET"));
            }
            values.add(new Snapshot.Val("C1", city.code(), pe, BigDecimal.ONE, "COUNT_GE", BigDecimal.ONE, "MET"));
        }
        var product = new Snapshot.Product(
                List.of(new Snapshot.Category("X", "x", "x", "FOOD", 2001, 10, 9)),
                List.of(new Snapshot.Count("P2", "2001", "n", "n", BigDecimal.TEN, "d", "d", BigDecimal.TEN)));
        return new Snapshot("WHITE_PAPER", null, "2001", 2001, "zh", "2001-12-31T00:00:00Z", "plan", "plan", city,
                List.of(a, b), List.of(p2, e1, c1), List.of("2000", "2001"), values, product);
    }
}
