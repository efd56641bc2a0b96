package org.qualitycity.task;

/** A unit's record of timeliness for one year, read by the annual assessment. */
public interface TaskPerformance {

    /**
     * Tasks led by the unit whose deadline falls in the year and has passed by {@code asOf} (or that were
     * closed in the year): closed on time, closed late, still open past the deadline.
     */
    Record performance(long unitId, int year, java.time.LocalDate asOf);

    /** Red supervision notices (红色督办单) issued to the unit in the year. */
    int redNotices(long unitId, int year);

    record Record(int onTime, int late, int overdue) {
        public int due() {
            return onTime + late + overdue;
        }
    }
}
