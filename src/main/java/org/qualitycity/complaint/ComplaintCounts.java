package org.qualitycity.complaint;

import java.time.LocalDate;
import java.util.List;

/** Counts of complaints and reports for other modules (the quality office's big screen); no personal data. */
public interface ComplaintCounts {

    /** Cases received on a day in a district, by category (GOODS, SERVICES). */
    record DistrictDay(String districtCode, int goods, int services) {
        public int total() {
            return goods + services;
        }
    }

    /** Cases received on {@code day}, per district (districts without cases are left out). */
    List<DistrictDay> receivedOn(LocalDate day);
}
