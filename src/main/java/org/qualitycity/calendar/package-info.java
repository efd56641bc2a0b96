/**
 * Working-day calendar (工作日): which dates are working days under the State Council's annual holiday
 * arrangements, and time limits counted in working days. Other modules use {@link
 * org.qualitycity.calendar.WorkingDayCalendar}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Working-day calendar",
        allowedDependencies = {"platform", "platform :: web", "notification"})
package org.qualitycity.calendar;
