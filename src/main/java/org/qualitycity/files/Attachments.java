package org.qualitycity.files;

import org.qualitycity.platform.CurrentUser;
import org.springframework.web.multipart.MultipartFile;

import java.io.InputStream;
import java.util.List;

/**
 * Attachments of records of any module. Every method checks the owner type's
 * {@link AttachmentOwnerPolicy}: an owner (or attachment) the user may not read is a
 * {@link org.qualitycity.platform.NotFoundException}; one the user may read but not write is an
 * {@link org.springframework.security.access.AccessDeniedException}. Bad input (unknown owner type,
 * empty, too large, a type that is not allowed or whose content does not match its name) is a
 * {@link org.qualitycity.platform.ValidationException} naming the field {@code file} or
 * {@code ownerType}. Stores and deletes are audited.
 */
public interface Attachments {

    /** Stores an uploaded file for the owner record; the bytes are checked before anything is recorded. */
    Attachment store(String ownerType, long ownerId, MultipartFile file, CurrentUser user);

    /**
     * Stores a file from a stream.
     *
     * @param size the declared size, or -1 if unknown; the bytes read are counted and limited either way
     */
    Attachment store(String ownerType, long ownerId, String filename, InputStream content, long size,
                     CurrentUser user);

    /** The owner's attachments that are not deleted, oldest first (at most 1000). */
    List<Attachment> list(String ownerType, long ownerId, CurrentUser user);

    /** One attachment's metadata. */
    Attachment get(long id, CurrentUser user);

    /** One attachment with its bytes. */
    AttachmentContent open(long id, CurrentUser user);

    /** Marks the attachment deleted (the bytes are kept for the audit trail). */
    void delete(long id, CurrentUser user);

    /** The largest accepted file in bytes ({@code qc.files.max-size}). */
    long maxSizeBytes();

    /** Whether the user may add attachments to the owner (for showing an upload form). */
    boolean canWrite(String ownerType, long ownerId, CurrentUser user);
}
