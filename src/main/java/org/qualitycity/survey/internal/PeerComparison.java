package org.qualitycity.survey.internal;

import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.survey.internal.Dtos.NewPeerScore;
import org.qualitycity.survey.internal.Dtos.PeerScore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Comparison with similar cities: published scores of other cities per year and indicator with their source, and the
 * city's own index of that year (the same post-stratified figure the indicator engine gets) ranked among them;
 * "among the leaders" (前列) means a rank within {@code qc.survey.leaders-rank} (3 by default).
 */
@Service
public class PeerComparison {

    public record Comparison(int year, String indicator, Double cityScore, Integer rank, int cities, boolean amongLeaders,
                             int leadersRank, List<PeerScore> peers) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Units units;
    private final int leadersRank;

    PeerComparison(JdbcClient jdbc, AuditLog audit, Units units, @Value("${qc.survey.leaders-rank:3}") int leadersRank) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.units = units;
        this.leadersRank = leadersRank;
    }

    /** Every indicator a survey's answers can feed, in the order of their sectors (S1, S2, W3, the four CQ_*). */
    public List<String> indicatorsInOrder() {
        return jdbc.sql("SELECT indicator FROM survey_sector GROUP BY indicator ORDER BY min(sort)").query(String.class)
                .list();
    }

    Set<String> indicators() {
        return Set.copyOf(jdbc.sql("SELECT DISTINCT indicator FROM survey_sector").query(String.class).list());
    }

    @Transactional
    public PeerScore add(NewPeerScore req, CurrentUser user) {
        if (!indicators().contains(req.indicator())) {
            throw new ValidationException("indicator", Texts.msg("survey.error.unknown-indicator", req.indicator()));
        }
        long id = jdbc.sql("INSERT INTO survey_peer_score (year, indicator, city, score, source) VALUES (:y, :i, :c, :s, :src) "
                        + "ON CONFLICT (year, indicator, city) DO UPDATE SET score = EXCLUDED.score, source = EXCLUDED.source "
                        + "RETURNING id")
                .param("y", req.year()).param("i", req.indicator()).param("c", req.city().trim()).param("s", req.score())
                .param("src", req.source().trim()).query(Long.class).single();
        PeerScore p = new PeerScore(id, req.year(), req.indicator(), req.city().trim(), req.score(), req.source().trim());
        audit.record("survey", "peer-score", id, units.city().id(), "SAVE", null, p);
        return p;
    }

    public Comparison compare(int year, String indicator) {
        if (indicator == null || !indicators().contains(indicator)) {
            throw new ValidationException("indicator", Texts.msg("survey.error.unknown-indicator", indicator));
        }
        List<PeerScore> peers = jdbc.sql("SELECT id, year, indicator, city, score, source FROM survey_peer_score "
                        + "WHERE year = :y AND indicator = :i ORDER BY score DESC, city")
                .param("y", year).param("i", indicator)
                .query((rs, n) -> new PeerScore(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getDouble(5), rs.getString(6))).list();
        Double own = jdbc.sql("SELECT sum(score_sum) / NULLIF(sum(responses), 0) FROM (" + SurveyElements.SQL + ") x")
                .param("year", year).param("indicator", indicator).query(Double.class).optional().orElse(null);
        Integer rank = null;
        if (own != null) {
            List<Double> all = new ArrayList<>(peers.stream().map(PeerScore::score).toList());
            rank = 1 + (int) all.stream().filter(s -> s > own).count();
        }
        peers.sort(Comparator.comparingDouble(PeerScore::score).reversed());
        return new Comparison(year, indicator, own, rank, peers.size() + (own == null ? 0 : 1),
                rank != null && rank <= leadersRank, leadersRank, peers);
    }
}
