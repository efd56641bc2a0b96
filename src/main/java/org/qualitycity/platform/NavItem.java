package org.qualitycity.platform;

/**
 * One entry of the side navigation. Modules contribute entries through a {@link Navigation} bean; the
 * layout shows an entry only to users holding {@code permission} (null: every signed-in user).
 *
 * @param group    message key of the group heading (e.g. "nav.group.system")
 * @param labelKey message key of the label
 * @param href     the page
 * @param icon     a short symbol shown before the label
 * @param order    position (groups sort by their first item)
 * @param staffOnly shown only to accounts of an organisation unit, never to SELF-scoped accounts
 *                  (enterprises, citizens), who are not members of the unit they are registered under
 */
public record NavItem(String group, String labelKey, String href, String permission, String icon, int order,
                      boolean staffOnly) {

    public NavItem(String group, String labelKey, String href, String permission, String icon, int order) {
        this(group, labelKey, href, permission, icon, order, false);
    }

    /** The same entry, hidden from SELF-scoped accounts. */
    public NavItem staff() {
        return new NavItem(group, labelKey, href, permission, icon, order, true);
    }
}
