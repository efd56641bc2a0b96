/**
 * Product spot checks (监督抽查): sampling records and refusals, results per test item, objections and
 * re-tests, follow-up of failed batches (rectification, re-inspection), public announcements; supplies
 * the pass-rate elements of P1–P4 to the indicator engine.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Spot checks",
        allowedDependencies = {"platform", "platform :: web", "enterprise", "indicator", "files", "plan"})
package org.qualitycity.spotcheck;
