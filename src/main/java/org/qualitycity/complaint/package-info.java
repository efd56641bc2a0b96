/**
 * Quality complaints (投诉) and reports (举报) of the 12315 channel under SAMR Order 121: public intake
 * (web form, Open311, hotline and walk-in entry), the legal clock in working days, dispatch, mediation,
 * reply and return visit, personal-data masking, and the W2 figures (W2a/W2b/W2c) for the indicator
 * engine through its {@code ComputedElementProvider} SPI.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Complaints and reports (12315)",
        allowedDependencies = {"platform", "platform :: web", "calendar", "files", "jobs", "notification", "indicator"})
package org.qualitycity.complaint;
