package org.qualitycity.survey.internal;

import org.qualitycity.files.AttachmentOwnerPolicy;
import org.qualitycity.platform.CurrentUser;
import org.springframework.stereotype.Component;

/** Evidence of an expert panel (owner id = the panel's id): readable in the panel's scope, written by survey editors. */
@Component
class PanelAttachmentPolicy implements AttachmentOwnerPolicy {

    private final SurveyPanels panels;

    PanelAttachmentPolicy(SurveyPanels panels) {
        this.panels = panels;
    }

    @Override
    public String ownerType() {
        return SurveyPanels.ATTACHMENT_TYPE;
    }

    @Override
    public boolean canRead(CurrentUser user, long ownerId) {
        return user.can("survey:survey:view") && panels.visible(ownerId, user);
    }

    @Override
    public boolean canWrite(CurrentUser user, long ownerId) {
        return user.can("survey:survey:edit") && panels.visible(ownerId, user);
    }

    @Override
    public Long unitOf(long ownerId) {
        return panels.unitOf(ownerId);
    }
}
