/**
 * Tasks and supervision (督查督办): a task per plan measure, per unit work plan and per recurring duty, the
 * supervision workflow (assign, acknowledge, progress, feedback, review, close), deadline reminders and
 * supervision notices (督办单) in working days.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Tasks",
        allowedDependencies = {"platform", "platform :: web", "plan", "calendar", "files", "jobs", "notification"})
package org.qualitycity.task;
