package org.qualitycity.survey.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.qualitycity.QualityCityApplication;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Not a test: the index recompute of issue 15 over 1 000 000 responses by district × sector × period (the
 * post-stratified index with n and its 95 % interval per cell, {@link SurveyIndex#compute}) against one hand-written
 * SQL aggregate of the same rows (count, mean and variance per cell), both in the same run, medians of 7 after 3
 * warm-ups. Run with {@code scripts/bench-survey.sh} (-Dqc.bench.responses=N for another size); figures in
 * target/bench/survey.md.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = QualityCityApplication.class,
        properties = {"qc.data-dir=target/bench-survey-data", "qc.demo=false", "logging.level.org.qualitycity=WARN"})
@EnabledIfSystemProperty(named = "qc.bench", matches = "true")
class SurveyBenchmark {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    SurveyIndex index;
    @Autowired
    Units units;

    private final List<String> report = new ArrayList<>();

    private void line(String s) {
        System.out.println("[bench] " + s);
        report.add(s);
    }

    private static long median(long[] v) {
        long[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    @Test
    void run() throws Exception {
        int n = Integer.getInteger("qc.bench.responses", 1_000_000);
        line("machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + ", PostgreSQL " + jdbc.sql("SHOW server_version").query(String.class).single() + " (embedded); load "
                + Files.readString(Path.of("/proc/loadavg")).trim());
        List<Long> areas = units.areas().stream().map(Unit::id).toList();
        List<String> sectors = jdbc.sql("SELECT code FROM survey_sector ORDER BY sort").query(String.class).list();
        long survey = jdbc.sql("INSERT INTO survey (title, owner_unit_id, year, public_token) VALUES ('bench', :o, 2024, :t) "
                + "RETURNING id").param("o", units.city().id()).param("t", SurveyService.token()).query(Long.class).single();
        jdbc.sql("INSERT INTO survey_weight (survey_id, latent, weight) SELECT :s, code, default_weight FROM survey_latent")
                .param("s", survey).update();
        for (long d : areas) {
            for (String s : sectors) {
                jdbc.sql("INSERT INTO survey_stratum (survey_id, district_unit_id, sector_code, population_share) "
                        + "VALUES (:sv, :d, :s, 0.5 + random())").param("sv", survey).param("d", d).param("s", s).update();
            }
        }
        long t0 = System.nanoTime();
        // the responses with their latent variables; the scores then come from the production UPDATE (weights)
        jdbc.sql("""
                INSERT INTO survey_response (survey_id, version, district_unit_id, sector_code, period, channel, answered_at,
                                             lv_brand, lv_expected, lv_quality, lv_value, lv_satisfaction, lv_loyalty)
                SELECT :s, 1, (:areas::bigint[])[1 + (i % cardinality(:areas::bigint[]))],
                       (:sectors::text[])[1 + ((i / 7) % cardinality(:sectors::text[]))], '2024Q' || (1 + i % 4), 'IMPORT',
                       now(), 1 + floor(random() * 10), 1 + floor(random() * 10), 1 + floor(random() * 10),
                       1 + floor(random() * 10), 1 + floor(random() * 10), 1 + floor(random() * 10)
                FROM generate_series(1, :n) i""")
                .param("s", survey).param("areas", "{" + String.join(",", areas.stream().map(String::valueOf).toList()) + "}")
                .param("sectors", "{" + String.join(",", sectors) + "}").param("n", n).update();
        long t1 = System.nanoTime();
        line(String.format("loaded %,d responses in %d ms", n, (t1 - t0) / 1_000_000));
        // latent means are already set: score every response with the survey's weights (what a change of weights runs)
        jdbc.sql("UPDATE survey_response SET score = NULL WHERE survey_id = :s").param("s", survey).update();
        long t2 = System.nanoTime();
        jdbc.sql("""
                UPDATE survey_response r SET score = x.score
                FROM (SELECT r0.id, sum(w.weight * (v.lv - 1) / 9 * 100) / sum(w.weight) AS score
                      FROM survey_response r0
                      CROSS JOIN LATERAL (VALUES ('BRAND', r0.lv_brand), ('EXPECTED', r0.lv_expected),
                                                 ('QUALITY', r0.lv_quality), ('VALUE', r0.lv_value),
                                                 ('SATISFACTION', r0.lv_satisfaction), ('COMPLAINT', r0.lv_complaint),
                                                 ('LOYALTY', r0.lv_loyalty)) v (latent, lv)
                      JOIN survey_weight w ON w.survey_id = r0.survey_id AND w.latent = v.latent
                      WHERE r0.survey_id = :s AND v.lv IS NOT NULL AND w.weight > 0
                      GROUP BY r0.id) x
                WHERE r.id = x.id""").param("s", survey).update();
        line(String.format("scores of all responses under the weights (one UPDATE, as after a change of weights): %d ms",
                (System.nanoTime() - t2) / 1_000_000));
        jdbc.sql("VACUUM ANALYZE survey_response").update();

        String baseline = "SELECT district_unit_id, sector_code, period, count(*), avg(score), var_samp(score) "
                + "FROM survey_response WHERE survey_id = :s AND score IS NOT NULL GROUP BY 1, 2, 3";
        int warm = 3;
        int runs = 7;
        long[] idx = new long[runs];
        long[] base = new long[runs];
        int cells = 0;
        for (int i = 0; i < warm + runs; i++) {
            long a = System.nanoTime();
            cells = index.compute(survey, "cell", 10).size();
            long b = System.nanoTime();
            int rows = jdbc.sql(baseline).param("s", survey).query((rs, k) -> rs.getLong(4)).list().size();
            long c = System.nanoTime();
            if (i >= warm) {
                idx[i - warm] = b - a;
                base[i - warm] = c - b;
            }
            if (rows != cells) {
                throw new IllegalStateException("cells differ: " + cells + " vs " + rows);
            }
        }
        long mi = median(idx) / 1_000_000;
        long mb = median(base) / 1_000_000;
        line(String.format("index recompute by district × sector × period (%d cells, post-stratified, n and 95%% interval): "
                + "median %d ms (limit 2000 ms)", cells, mi));
        line(String.format("hand-written SQL aggregate of the same rows (count, avg, var_samp per cell): median %d ms", mb));
        line(String.format("ratio %.2f (limit 1.5)", (double) mi / Math.max(1, mb)));
        long[] all = new long[runs];
        for (int i = 0; i < runs; i++) {
            long a = System.nanoTime();
            index.compute(survey, "district", 10);
            all[i] = System.nanoTime() - a;
        }
        line(String.format("index by district (strata combined with their population shares): median %d ms",
                median(all) / 1_000_000));
        line("load at end " + Files.readString(Path.of("/proc/loadavg")).trim());
        Files.createDirectories(Path.of("target", "bench"));
        Files.write(Path.of("target", "bench", "survey.md"), report);
    }
}
