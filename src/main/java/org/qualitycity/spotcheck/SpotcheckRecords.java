package org.qualitycity.spotcheck;

import java.time.LocalDate;
import java.util.List;

/** What other modules (credit) read about an enterprise's spot checks. */
public interface SpotcheckRecords {

    /** A batch whose final verdict (the re-test's, if any) is FAIL. */
    record FailedBatch(long sampleId, String sampleNo, String product, String batchNo, LocalDate sampledOn) {
    }

    /** A follow-up step that was not done in time. */
    record OverdueStep(long sampleId, String sampleNo, String step, LocalDate dueOn) {
    }

    /** Failed batches of the enterprise sampled in [from, to]. */
    List<FailedBatch> failedBatches(long enterpriseId, LocalDate from, LocalDate to);

    /** Batches with a final verdict sampled in [from, to]. */
    int testedBatches(long enterpriseId, LocalDate from, LocalDate to);

    /** The enterprises with the most failed batches (final verdict FAIL) of all time, most first, ties by id. */
    List<Long> enterprisesWithMostFailedBatches(int limit);

    /** Rectification and re-inspection steps overdue on {@code asOf} (or done late), for follow-ups started in [from, asOf]. */
    List<OverdueStep> overdueSteps(long enterpriseId, LocalDate from, LocalDate asOf);
}
