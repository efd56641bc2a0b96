/** The calendar's persistence, cache and administration; used by the module's own web layer only. */
package org.qualitycity.calendar.internal;
