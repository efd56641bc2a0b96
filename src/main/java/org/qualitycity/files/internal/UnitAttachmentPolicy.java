package org.qualitycity.files.internal;

import org.qualitycity.files.AttachmentOwnerPolicy;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.Units;
import org.springframework.stereotype.Component;

/**
 * Documents of an organisation unit (owner type "unit", owner id = the unit's id): readable by anyone
 * whose data scope covers the unit, writable by those who may also manage units.
 */
@Component
class UnitAttachmentPolicy implements AttachmentOwnerPolicy {

    static final String TYPE = "unit";

    private final Units units;

    UnitAttachmentPolicy(Units units) {
        this.units = units;
    }

    @Override
    public String ownerType() {
        return TYPE;
    }

    @Override
    public boolean canRead(CurrentUser user, long ownerId) {
        return units.isVisible(ownerId, user);
    }

    @Override
    public boolean canWrite(CurrentUser user, long ownerId) {
        return user.can("platform:unit:edit") && units.isVisible(ownerId, user);
    }

    @Override
    public Long unitOf(long ownerId) {
        return units.byId(ownerId).map(u -> u.id()).orElse(null);
    }
}
