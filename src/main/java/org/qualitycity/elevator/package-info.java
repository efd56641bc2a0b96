/**
 * The elevator cloud (电梯智慧管理): elevators registered as devices of the monitoring module (profile ELEVATOR, their
 * registration code, 96333 code, address and map point, user and maintenance units, make and first use date in the
 * device's attributes), GB/T 24476 status and fault codes, trapped-passenger detection on their telemetry, 96333
 * rescue orders with response and arrival timers that escalate when missed, periodic inspections under TSG
 * T7001-2023 and maintenance every 15 days with overdue lists per district.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Elevators and 96333 rescue",
        allowedDependencies = {"platform", "platform :: web", "monitoring", "jobs", "notification"})
package org.qualitycity.elevator;
