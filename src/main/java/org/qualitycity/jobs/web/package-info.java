/** The jobs JSON API under /api/v1/jobs and the pages /jobs (my jobs) and /jobs/{id} (live progress). */
package org.qualitycity.jobs.web;
