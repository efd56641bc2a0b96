/**
 * The public portal at {@code /} (open indicator figures, plan progress, credit look-up, quality hot topics and
 * links to the other public services) and the quality office's big screen.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Public portal",
        allowedDependencies = {"platform", "platform :: web", "indicator", "plan", "task", "credit", "complaint", "monitoring"})
package org.qualitycity.portal;
