/** The job queue, its workers and the shipped job kinds; used by the module's own web layer only. */
package org.qualitycity.jobs.internal;
