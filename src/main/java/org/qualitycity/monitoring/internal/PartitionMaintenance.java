package org.qualitycity.monitoring.internal;

import org.qualitycity.jobs.ScheduledRuns;
import org.qualitycity.platform.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The raw points' monthly partitions: created ahead (this month and the next {@code qc.monitoring.partitions-ahead}
 * months) at start-up and daily, and dropped whole once older than {@code qc.monitoring.retention-months} (0, the
 * default, keeps everything). The hourly and daily roll-ups are kept: charts and indicators read them.
 */
@Component
public class PartitionMaintenance {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionMaintenance.class);

    private final PointStore store;
    private final JdbcClient jdbc;
    private final ScheduledRuns runs;
    private final AuditLog audit;
    private final Clock clock;
    private final int ahead;
    private final int retentionMonths;

    PartitionMaintenance(PointStore store, JdbcClient jdbc, ScheduledRuns runs, AuditLog audit, Clock clock,
                         @Value("${qc.monitoring.partitions-ahead:2}") int ahead,
                         @Value("${qc.monitoring.retention-months:0}") int retentionMonths) {
        this.store = store;
        this.jdbc = jdbc;
        this.runs = runs;
        this.audit = audit;
        this.clock = clock;
        this.ahead = ahead;
        this.retentionMonths = retentionMonths;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        createAhead();
    }

    @Scheduled(cron = "${qc.monitoring.partition-cron:0 15 1 * * *}", zone = "${qc.timezone}")
    void daily() {
        runs.runIfFree("monitoring.partitions", () -> {
            createAhead();
            retain(retentionMonths);
            return null;
        });
    }

    /**
     * Retention: drops the raw partitions of the months before the last {@code months} whole months (this month
     * counts as one; 0 keeps everything); answers their names. The roll-ups are not touched.
     */
    public List<String> retain(int months) {
        if (months <= 0) {
            return List.of();
        }
        return dropBefore(YearMonth.now(clock.withZone(ZoneOffset.UTC)).minusMonths(months - 1L).atDay(1));
    }

    /** Creates this month's partition and the next ones; answers how many were new. */
    public int createAhead() {
        YearMonth now = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        int created = 0;
        for (int i = 0; i <= ahead; i++) {
            YearMonth m = now.plusMonths(i);
            Boolean c = jdbc.sql("SELECT monitoring_ensure_partition(:month)").param("month", m.atDay(1))
                    .query(Boolean.class).single();
            if (Boolean.TRUE.equals(c)) {
                created++;
            }
            store.ensurePartition(m);
        }
        return created;
    }

    /** Drops the partitions whose whole month lies before {@code day}; answers their names (audited). */
    public List<String> dropBefore(LocalDate day) {
        List<String> dropped = jdbc.sql("SELECT monitoring_drop_partitions_before(:day)").param("day", day)
                .query(String.class).list();
        if (!dropped.isEmpty()) {
            store.forgetPartitions();
            audit.record("monitoring", "partition", day.toString(), null, "DROP", null, dropped);
            LOG.info("Telemetry retention dropped {}", dropped);
        }
        return dropped;
    }
}
