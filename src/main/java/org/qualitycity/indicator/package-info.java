/**
 * Indicators: periods, data values (reported, computed, imported), approval, aggregation up the unit
 * tree, attainment against targets, projection and early warning, analytics; the SPI through which
 * operational modules supply computed values ({@link org.qualitycity.indicator.ComputedElementProvider}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Indicators",
        allowedDependencies = {"platform", "platform :: web", "plan", "calendar", "jobs", "notification"})
package org.qualitycity.indicator;
