package org.qualitycity.indicator;

/**
 * Published when a recompute has replaced a year's results (listen after commit: the new results are visible
 * then). The portal refreshes its cached public figures on it.
 */
public record ResultsRecomputed(int year) {
}
