/**
 * Quality credit: grades A–D from transparent, configurable rules over an enterprise's records with
 * every reason listed; penalties and honours entered by officers; the serious-violation list
 * (严重违法失信名单) with publication and credit repair.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Credit",
        allowedDependencies = {"platform", "platform :: web", "enterprise", "spotcheck", "engineering"})
package org.qualitycity.credit;
