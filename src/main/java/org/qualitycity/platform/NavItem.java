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
 */
public record NavItem(String group, String labelKey, String href, String permission, String icon, int order) {
}
