package org.qualitycity.jobs;

import tools.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A job as its creator sees it.
 *
 * @param result the handler's result as JSON, once SUCCEEDED
 * @param error  a message for people, once FAILED (never a stack trace)
 */
public record JobView(long id, String kind, JobStatus status, int percent, String message, JsonNode result,
                      String error, Long createdBy, String createdByName, Long unitId, Instant createdAt,
                      Instant startedAt, Instant finishedAt) {
}
