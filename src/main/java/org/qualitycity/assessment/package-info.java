/**
 * The annual assessment (考核) of every district, the zone and every member department: versioned scoring schemes,
 * the assessment run as a job with a line-by-line breakdown, ranking, objections, adjustments, publication and the
 * Excel and Word (通报) exports.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Assessment",
        allowedDependencies = {"platform", "platform :: web", "plan", "indicator", "task", "calendar", "jobs", "notification"})
package org.qualitycity.assessment;
