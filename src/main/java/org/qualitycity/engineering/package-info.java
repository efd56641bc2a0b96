/**
 * Engineering quality (工程质量): construction projects with their participants from the enterprise register,
 * quality supervision (inspections, rectification notices, stop-work orders), completion acceptance and filing,
 * quality accidents and awards (鲁班奖, 楚天杯); supplies E1–E6 to the indicator engine. An award is published as
 * {@link org.qualitycity.engineering.AwardRecorded}, which the credit module records as an honour of its enterprises.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Engineering",
        allowedDependencies = {"platform", "platform :: web", "enterprise", "indicator"})
package org.qualitycity.engineering;
