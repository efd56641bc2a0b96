package org.qualitycity.platform.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Settings of the audit trail under {@code qc.audit.*}.
 *
 * @param retentionDays how long entries stay in the database; at least 180 (等保 2.0 level 3); older
 *                      entries are archived to a file and then deleted ({@code QC_AUDIT_RETENTION_DAYS})
 * @param archiveDir    where archive files go; default {@code <qc.data-dir>/audit-archive}
 * @param sealBatch     most entries sealed in one transaction
 * @param sealDelay     how long the sealer waits after a write to gather a batch
 * @param sealPoll      how often the sealer looks for entries written by other nodes
 */
@ConfigurationProperties(prefix = "qc.audit")
record AuditProperties(Integer retentionDays, String archiveDir, Integer sealBatch, Duration sealDelay,
                       Duration sealPoll) {

    static final int MIN_RETENTION_DAYS = 180;

    AuditProperties {
        if (retentionDays == null) {
            retentionDays = 365;
        }
        if (retentionDays < MIN_RETENTION_DAYS) {
            throw new IllegalArgumentException("qc.audit.retention-days must be at least " + MIN_RETENTION_DAYS
                    + " (was " + retentionDays + ")");
        }
        if (sealBatch == null || sealBatch < 1) {
            sealBatch = 1000;
        }
        if (sealDelay == null) {
            sealDelay = Duration.ofMillis(5);
        }
        if (sealPoll == null) {
            sealPoll = Duration.ofSeconds(1);
        }
    }
}
