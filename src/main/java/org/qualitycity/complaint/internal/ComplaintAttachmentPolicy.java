package org.qualitycity.complaint.internal;

import org.qualitycity.files.AttachmentOwnerPolicy;
import org.qualitycity.platform.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Evidence attached to a case (photos, receipts, testing reports; owner type "complaint", owner id =
 * the case id): readable by staff who may view complaints and whose data scope covers the handling
 * unit, writable by those who handle them.
 */
@Component
class ComplaintAttachmentPolicy implements AttachmentOwnerPolicy {

    private final JdbcClient jdbc;

    ComplaintAttachmentPolicy(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String ownerType() {
        return "complaint";
    }

    @Override
    public boolean canRead(CurrentUser user, long ownerId) {
        if (!user.can("complaint:case:view")) {
            return false;
        }
        var scope = user.scope("complaint");
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM complaint_case c WHERE c.id = :id AND "
                        + scope.predicate("c.unit_id", "c.created_by") + ")")
                .params(scope.params()).param("id", ownerId).query(Boolean.class).single();
    }

    @Override
    public boolean canWrite(CurrentUser user, long ownerId) {
        return user.can("complaint:case:handle") && canRead(user, ownerId);
    }

    @Override
    public Long unitOf(long ownerId) {
        return jdbc.sql("SELECT unit_id FROM complaint_case WHERE id = :id").param("id", ownerId).query(Long.class)
                .optional().orElse(null);
    }
}
