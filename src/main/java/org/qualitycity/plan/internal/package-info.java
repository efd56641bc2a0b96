/**
 * The plan's parsing, validation, storage and administration; used by the module's own web layer only.
 */
package org.qualitycity.plan.internal;
