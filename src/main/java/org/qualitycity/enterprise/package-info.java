/**
 * Enterprise register: unified social credit codes (GB 32100-2015), districts, industries, licences,
 * declared standards, enterprise users.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Enterprises")
package org.qualitycity.enterprise;
