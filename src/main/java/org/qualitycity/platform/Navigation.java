package org.qualitycity.platform;

import java.util.List;

/** A module's side-navigation entries. */
public interface Navigation {

    List<NavItem> items();
}
