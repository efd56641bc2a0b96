/**
 * Satisfaction surveys: versioned questionnaires mapped to the CCSI latent variables (GB/T 19038) and to sectors or
 * objects, sample design (strata, quotas, population shares, survey firm, field period), public answering by link,
 * QR code and invitation token, interviewer entry, a firm's upload, post-stratified satisfaction indices with their
 * confidence intervals, and S1, S2 and W3 for the indicator engine through its {@code ComputedElementProvider} SPI;
 * expert panels for S3/G1b, shown by the plan's indicator names ({@code plan.Plans}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Satisfaction surveys",
        allowedDependencies = {"platform", "platform :: web", "plan", "indicator", "files"})
package org.qualitycity.survey;
