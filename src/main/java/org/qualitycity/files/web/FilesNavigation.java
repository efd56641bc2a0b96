package org.qualitycity.files.web;

import org.qualitycity.platform.NavItem;
import org.qualitycity.platform.Navigation;
import org.springframework.stereotype.Component;

import java.util.List;

/** The unit documents page, under system administration beside the units. */
@Component
class FilesNavigation implements Navigation {

    @Override
    public List<NavItem> items() {
        return List.of(new NavItem("nav.group.system", "files.nav", "/files", "files:file:view", "❏", 905).staff());
    }
}
