/**
 * Background jobs with progress (后台任务): long work (imports, recomputation, report generation,
 * audit verification) runs on a worker, claimed from the database so that several application nodes
 * share the queue, with its progress, result or error visible to its creator. Other modules submit
 * jobs through {@link org.qualitycity.jobs.Jobs} and run them by registering a
 * {@link org.qualitycity.jobs.JobHandler}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Jobs",
        allowedDependencies = {"platform", "platform :: web"})
package org.qualitycity.jobs;
