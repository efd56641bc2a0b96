/** Persistence and rules of the inbox; used by the module's own web layer only. */
package org.qualitycity.notification.internal;
