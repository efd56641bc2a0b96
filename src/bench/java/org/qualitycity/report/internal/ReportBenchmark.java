package org.qualitycity.report.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.qualitycity.support.Await;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark of issue 18 (not a test; opt-in): {@code scripts/bench-report.sh}. The white paper of the last full year of
 * demo data, generated as a job through the API (snapshot from the indicator results, every chapter with its tables
 * and native charts, stored), from the POST to the job's end, against the 60 s limit; and rendering the stored
 * document again from its snapshot. Figures go to target/benchmarks/report.txt.
 */
@QcIntegrationTest
@EnabledIfSystemProperty(named = "qc.bench", matches = "true")
class ReportBenchmark {

    static final Duration LIMIT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;
    @Autowired
    ReportService service;
    @Autowired
    ReportWarmUp warmUp;

    @Test
    void whitePaperOfAYear() throws Exception {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        int year = api.today().getYear() - 1;
        List<String> out = new ArrayList<>();
        // the first generation after a start comes after the background warm-up (ReportWarmUp) unless it is switched
        // off (-Dqc.report.warm-up=false reproduces the cold first run)
        long w0 = System.nanoTime();
        int warmed = warmUp.done().get(10, java.util.concurrent.TimeUnit.MINUTES);
        out.add(String.format("warm-up %s; waited %d ms for it after the context was ready", warmed > 0 ? "done"
                : "switched off", (System.nanoTime() - w0) / 1_000_000));
        List<Long> runs = new ArrayList<>();
        long lastId = 0;
        for (int i = 0; i < 4; i++) {
            long t0 = System.nanoTime();
            TestApi.Response r = api.post("/api/v1/reports/white-paper/" + year, null, admin);
            assertThat(r.status()).isEqualTo(202);
            JsonNode job = Await.jobSucceeded(api, r.json().get("jobId").asLong(), admin);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            long jobMs = Duration.between(Instant.parse(job.get("startedAt").asText()),
                    Instant.parse(job.get("finishedAt").asText())).toMillis();
            lastId = r.json().get("documentId").asLong();
            int size = api.getBytes("/api/v1/reports/documents/" + lastId + "/docx", admin).length;
            String line = String.format("white paper %d, run %d%s: %d ms from POST to SUCCEEDED (job ran %d ms), %d bytes",
                    year, i + 1, i == 0 ? " (cold)" : "", ms, jobMs, size);
            System.out.println("BENCH " + line);
            out.add(line);
            if (i > 0) {
                runs.add(ms);
            }
        }
        runs.sort(Long::compare);
        long median = runs.get(runs.size() / 2);
        long t0 = System.nanoTime();
        service.renderAgain(lastId);
        long render = (System.nanoTime() - t0) / 1_000_000;
        out.add(String.format("median of the warm runs: %d ms; limit %d ms; ratio %.3f of the limit", median,
                LIMIT.toMillis(), (double) median / LIMIT.toMillis()));
        out.add(String.format("render again from the stored snapshot: %d ms", render));
        out.forEach(l -> System.out.println("BENCH " + l));
        Files.createDirectories(Path.of("target", "benchmarks"));
        Files.write(Path.of("target", "benchmarks", "report.txt"), out);
    }
}
