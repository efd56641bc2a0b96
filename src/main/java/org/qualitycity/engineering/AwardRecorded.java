package org.qualitycity.engineering;

import java.time.LocalDate;
import java.util.List;

/**
 * Published when an award (鲁班奖, 楚天杯 or another) is recorded for a project: its enterprises earned a quality
 * honour. {@code title} and {@code projectName} are the record's own data, not texts of the user interface.
 */
public record AwardRecorded(long awardId, String kind, String title, int year, LocalDate awardedOn, String projectName,
                            List<Long> enterpriseIds) {

    public AwardRecorded {
        enterpriseIds = List.copyOf(enterpriseIds);
    }

    /** The reference under which a module that keeps honours files this award, one per award. */
    public String reference() {
        return "engineering-award-" + awardId;
    }
}
