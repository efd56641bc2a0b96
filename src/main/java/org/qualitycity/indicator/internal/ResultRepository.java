package org.qualitycity.indicator.internal;

import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

@Repository
class ResultRepository {

    /** One computed result row. */
    record Result(String indicatorCode, long unitId, String period, String periodType, int year, BigDecimal value,
                  BigDecimal numerator, BigDecimal denominator, BigDecimal comparator, String targetKind,
                  BigDecimal targetValue, String status, BigDecimal projection, String projectionMethod,
                  boolean approved, String basisKind, BigDecimal basisValue, BigDecimal basisMeasure,
                  String basisSpan, List<String> missingMembers, BigDecimal demoShare) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    ResultRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /**
     * Replaces the year's results of these indicators (one transaction, the caller's): one DELETE, then the rows in
     * one {@code COPY} (text format) on the transaction's connection. Batched INSERTs with 21 bound parameters per
     * row were 39 % of the recompute's CPU samples (JFR, issue 13). Values keep their exact decimal form: each
     * BigDecimal is written as its plain string and PostgreSQL rounds it to the column's scale, as it did for the
     * bound parameters. Returns the replaced rows' statuses keyed by indicator|unit|period (to notice values that turn
     * red or at risk), read by the DELETE itself.
     */
    java.util.Map<String, String> replace(int year, Collection<String> indicators, List<Result> results) {
        java.util.Map<String, String> previous = new java.util.HashMap<>();
        jdbc.sql("""
                        DELETE FROM indicator_result WHERE year = :year AND indicator_code = ANY(CAST(:codes AS text[]))
                        RETURNING indicator_code, unit_id, period, status
                        """)
                .param("year", year).param("codes", indicators.toArray(String[]::new))
                .query((rs, n) -> previous.put(rs.getString(1) + "|" + rs.getLong(2) + "|" + rs.getString(3),
                        rs.getString(4)))
                .list();
        if (results.isEmpty()) {
            return previous;
        }
        byte[] rows = copyText(results);
        template.execute((ConnectionCallback<Long>) c -> {
            try {
                return c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new ByteArrayInputStream(rows));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return previous;
    }

    private static final String COPY = """
            COPY indicator_result (indicator_code, unit_id, period, period_type, year, value, numerator, denominator,
                comparator, target_kind, target_value, status, projection, projection_method, approved, basis_kind,
                basis_value, basis_measure, basis_span, missing_members, demo_share) FROM STDIN
            """;

    /** The rows in COPY's text format (tab-separated, backslash-N for null, backslash escapes), UTF-8. */
    static byte[] copyText(List<Result> results) {
        StringBuilder b = new StringBuilder(results.size() * 160);
        for (Result r : results) {
            text(b, r.indicatorCode()).append('\t').append(r.unitId()).append('\t');
            text(b, r.period()).append('\t');
            text(b, r.periodType()).append('\t').append(r.year()).append('\t');
            number(b, r.value(), 10).append('\t');
            number(b, r.numerator(), 6).append('\t');
            number(b, r.denominator(), 6).append('\t');
            number(b, r.comparator(), 6).append('\t');
            text(b, r.targetKind()).append('\t');
            number(b, r.targetValue(), 6).append('\t');
            text(b, r.status()).append('\t');
            number(b, r.projection(), 10).append('\t');
            text(b, r.projectionMethod()).append('\t').append(r.approved() ? 't' : 'f').append('\t');
            text(b, r.basisKind()).append('\t');
            number(b, r.basisValue(), 10).append('\t');
            number(b, r.basisMeasure(), 10).append('\t');
            text(b, r.basisSpan()).append('\t');
            text(b, arrayLiteral(r.missingMembers())).append('\t');
            number(b, r.demoShare(), 6)
                    .append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A decimal rounded to its column's scale here, half away from zero as PostgreSQL rounds a numeric to its typmod:
     * the same stored value, but a 34-digit quotient is written (and parsed) as a dozen digits (issue 13: writing the
     * quotients' plain strings was the recompute's largest CPU share).
     */
    private static StringBuilder number(StringBuilder b, BigDecimal v, int scale) {
        if (v == null) {
            return b.append("\\N");
        }
        return b.append((v.scale() > scale ? v.setScale(scale, java.math.RoundingMode.HALF_UP) : v).toPlainString());
    }

    private static StringBuilder text(StringBuilder b, String s) {
        if (s == null) {
            return b.append("\\N");
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(ch);
            }
        }
        return b;
    }

    /** A text[] literal, every element in double quotes with its quotes and backslashes escaped, or null. */
    static String arrayLiteral(List<String> items) {
        if (items == null) {
            return null;
        }
        StringBuilder a = new StringBuilder("{");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                a.append(',');
            }
            String s = items.get(i);
            if (s == null) {
                a.append("NULL");
                continue;
            }
            a.append('"');
            for (int j = 0; j < s.length(); j++) {
                char ch = s.charAt(j);
                if (ch == '"' || ch == '\\') {
                    a.append('\\');
                }
                a.append(ch);
            }
            a.append('"');
        }
        return a.append('}').toString();
    }

    /** The latest year with any value (one index probe, unlike {@link #yearsWithValues()}). */
    java.util.Optional<Integer> lastYearWithValues() {
        return jdbc.sql("SELECT extract(year FROM max(period_start))::int FROM indicator_value")
                .query(Integer.class).list().stream().filter(java.util.Objects::nonNull).findFirst();
    }

    List<Integer> yearsWithValues() {
        return jdbc.sql("SELECT DISTINCT extract(year FROM period_start)::int AS y FROM indicator_value ORDER BY y")
                .query(Integer.class).list();
    }
}
