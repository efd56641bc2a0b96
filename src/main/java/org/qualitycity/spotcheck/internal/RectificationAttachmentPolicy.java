package org.qualitycity.spotcheck.internal;

import org.qualitycity.files.AttachmentOwnerPolicy;
import org.qualitycity.platform.CurrentUser;
import org.springframework.stereotype.Component;

/** Evidence of a rectification (owner id = the sample's id): the enterprise and officers in scope. */
@Component
class RectificationAttachmentPolicy implements AttachmentOwnerPolicy {

    static final String TYPE = "spotcheck-rectification";

    private final SpotcheckService service;

    RectificationAttachmentPolicy(SpotcheckService service) {
        this.service = service;
    }

    @Override
    public String ownerType() {
        return TYPE;
    }

    @Override
    public boolean canRead(CurrentUser user, long ownerId) {
        return service.visible(ownerId, user);
    }

    @Override
    public boolean canWrite(CurrentUser user, long ownerId) {
        return user.can("spotcheck:rectification:submit") && service.visible(ownerId, user);
    }

    @Override
    public Long unitOf(long ownerId) {
        return service.unitOf(ownerId);
    }
}
