/**
 * Enterprise register: unified social credit codes (GB 32100-2015), districts, industries, licences,
 * declared standards, enterprise users.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Enterprises",
        allowedDependencies = {"platform", "platform :: web", "indicator"})
package org.qualitycity.enterprise;
