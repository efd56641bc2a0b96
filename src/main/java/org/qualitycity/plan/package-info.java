/**
 * The plan as data: goals, indicator definitions and targets, measure groups and measures, phases
 * and milestones; import/export of a plan file (docs/plan-format.md); the bundled Xianning 2017 plan.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Plan",
        allowedDependencies = {"platform", "platform :: web"})
package org.qualitycity.plan;
