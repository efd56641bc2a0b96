package org.qualitycity.platform.web;

import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.NavItem;
import org.qualitycity.platform.Navigation;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.internal.DemoStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the one layout needs on every page: the user, the navigation they may use, the demo badge. */
@ControllerAdvice(annotations = Controller.class)
class LayoutAdvice {

    private final List<NavItem> nav;
    private final DemoStatus demo;
    private final PageLinks links;

    private final org.qualitycity.platform.internal.RoleService roles;

    LayoutAdvice(List<Navigation> navigations, DemoStatus demo, PageLinks links,
                 org.qualitycity.platform.internal.RoleService roles) {
        this.roles = roles;
        this.links = links;
        this.nav = navigations.stream().flatMap(n -> n.items().stream())
                .sorted(Comparator.comparingInt(NavItem::order)).toList();
        this.demo = demo;
    }

    @ModelAttribute("me")
    CurrentUser me() {
        return Security.currentUserIfAny().orElse(null);
    }

    /** Pager, sort and export links that keep the current filters (templates: {@code ${links.with('page', 2)}}). */
    @ModelAttribute("links")
    PageLinks links() {
        return links;
    }

    /** Role labels by code, in the page's language. */
    @ModelAttribute("roleNames")
    Map<String, String> roleNames(java.util.Locale locale) {
        Map<String, String> names = new LinkedHashMap<>();
        roles.byCodeCached().forEach((code, r) -> names.put(code, "en".equals(locale.getLanguage()) ? r.nameEn() : r.nameZh()));
        return names;
    }

    @ModelAttribute("currentPath")
    String currentPath(jakarta.servlet.http.HttpServletRequest request) {
        return request.getRequestURI();
    }

    /**
     * The navigation entry of this page: the longest entry the path is under, so that the task timeline
     * (/tasks/timeline) marks its own entry and not also "all tasks" (/tasks).
     */
    @ModelAttribute("activeNav")
    String activeNav(jakarta.servlet.http.HttpServletRequest request) {
        String path = request.getRequestURI();
        String best = null;
        for (NavItem item : nav) {
            String href = item.href();
            boolean under = href.equals("/") ? path.equals("/") : path.equals(href) || path.startsWith(href + "/");
            if (under && (best == null || href.length() > best.length())) {
                best = href;
            }
        }
        return best;
    }

    @ModelAttribute("demoData")
    boolean demoData() {
        return demo.present();
    }

    /** While the demo data set is being generated after readiness: its progress (the banner), else null. */
    @ModelAttribute("demoGenerating")
    DemoStatus demoGenerating() {
        return demo.generating() ? demo : null;
    }

    /** Navigation grouped by heading, filtered by the user's permissions (and staff-only entries for SELF accounts). */
    @ModelAttribute("navGroups")
    Map<String, List<NavItem>> navGroups() {
        CurrentUser me = Security.currentUserIfAny().orElse(null);
        Map<String, List<NavItem>> groups = new LinkedHashMap<>();
        if (me == null) {
            return groups;
        }
        boolean self = me.scopeKind() == org.qualitycity.platform.DataScope.Kind.SELF;
        for (NavItem item : nav) {
            if ((item.permission() == null || me.can(item.permission())) && !(self && item.staffOnly())) {
                groups.computeIfAbsent(item.group(), g -> new java.util.ArrayList<>()).add(item);
            }
        }
        return groups;
    }
}
