/**
 * Platform: organisation units, users, roles and data scope, login and API tokens, audit trail,
 * errors, list/export pattern, demo-data mechanism, layout and i18n. Every other module uses it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform",
        allowedDependencies = {})
package org.qualitycity.platform;
