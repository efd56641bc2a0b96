package org.qualitycity.spotcheck;

/** A sample's (final) verdict was recorded: the first result, or the re-test that replaces it. */
public record SampleResultRecorded(long sampleId, long enterpriseId, String verdict, boolean retest) {
}
