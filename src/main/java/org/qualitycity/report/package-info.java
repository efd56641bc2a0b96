/**
 * Reports (白皮书与质量分析): the yearly quality white paper and the quarterly and yearly quality analyses per
 * sector, generated as Word documents from indicator results (through the indicator module's public read API),
 * from Word templates the office edits and uploads as new versions; the office edits each chapter's text, and a
 * published document is frozen with its data snapshot and offered for download to everyone.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Reports",
        allowedDependencies = {"platform", "platform :: web", "plan", "indicator", "jobs", "spotcheck"})
package org.qualitycity.report;
