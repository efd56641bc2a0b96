/**
 * Traceability of fresh food and agricultural products: products and batches of enterprises with a stable public
 * identifier, QR codes holding GS1 Digital Link URIs, certificates of committed compliance (承诺达标合格证), GS1 EPCIS
 * 2.0 trace events (capture and query), trace back and forward, recall, origin release and the public scan page.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Traceability",
        allowedDependencies = {"platform", "platform :: web", "enterprise", "spotcheck", "notification"})
package org.qualitycity.traceability;
