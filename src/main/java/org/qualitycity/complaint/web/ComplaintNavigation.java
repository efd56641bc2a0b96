package org.qualitycity.complaint.web;

import org.qualitycity.platform.NavItem;
import org.qualitycity.platform.Navigation;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
class ComplaintNavigation implements Navigation {

    @Override
    public List<NavItem> items() {
        return List.of(new NavItem("complaint.nav.group", "complaint.nav.cases", "/complaints", "complaint:case:view", "☎", 600),
                new NavItem("complaint.nav.group", "complaint.nav.stats", "/complaints/stats", "complaint:case:view", "▤", 610),
                new NavItem("complaint.nav.group", "complaint.nav.public", "/public/complaints", null, "✍", 620));
    }
}
