/**
 * Environment monitoring on the stations of the monitoring module: the air quality index of HJ 633-2012 per
 * station and day (good days, valid days), the water class of GB 3838-2002 per surface-water section and month,
 * the compliance of drinking-water sources by volume, and energy consumption of key energy users. Supplies G1a's
 * supporting elements, G2 and G5 to the indicator engine through its {@code ComputedElementProvider} SPI.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Environment and energy monitoring",
        allowedDependencies = {"platform", "platform :: web", "monitoring", "indicator", "enterprise", "notification"})
package org.qualitycity.environment;
