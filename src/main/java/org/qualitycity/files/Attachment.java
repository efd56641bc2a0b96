package org.qualitycity.files;

import java.time.Instant;

/**
 * An attachment's metadata as every module and the API see it.
 *
 * @param contentType the type detected from the content (not the one the client claimed)
 * @param sha256      hex SHA-256 of the stored bytes
 */
public record Attachment(long id, String ownerType, long ownerId, Long unitId, String filename, String contentType,
                         long sizeBytes, String sha256, Long createdBy, String createdByName, Instant createdAt) {
}
