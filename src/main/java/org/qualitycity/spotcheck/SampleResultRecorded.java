package org.qualitycity.spotcheck;

import java.time.LocalDate;

/**
 * A sample's result (first test or re-test) was recorded; {@code verdict} is the final verdict (PASS or FAIL). Heard
 * by traceability, which records an EPCIS inspecting event for the sampled batch (issue 17).
 */
public record SampleResultRecorded(long sampleId, String sampleNo, long enterpriseId, String product, String batchNo,
                                   LocalDate sampledOn, String verdict) {
}
