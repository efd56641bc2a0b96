package org.qualitycity.files;

import org.qualitycity.platform.CurrentUser;

/**
 * Who may read and write the attachments of one owner type. A module that attaches files to its
 * records (tasks, complaints, samples…) registers one bean of this type per owner type; an owner
 * type without a policy is refused. The files module itself checks only the files permissions and
 * the content; whether a user may see an owner record is the owning module's decision.
 *
 * <p>Contract: {@link #canRead} is false for an owner that does not exist or lies outside the
 * user's data scope (the attachment then answers 404, never revealing that it exists);
 * {@link #canWrite} implies {@link #canRead}.
 */
public interface AttachmentOwnerPolicy {

    /** The owner type this policy governs, lower case, e.g. "task"; at most 40 characters. */
    String ownerType();

    boolean canRead(CurrentUser user, long ownerId);

    boolean canWrite(CurrentUser user, long ownerId);

    /** The unit that owns the record (stored with the attachment for scope and audit), or null if unknown. */
    Long unitOf(long ownerId);
}
