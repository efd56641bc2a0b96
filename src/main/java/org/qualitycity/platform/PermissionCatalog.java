package org.qualitycity.platform;

import java.util.List;

/**
 * Each module declares the permissions it checks by exposing one bean of this type. Role patterns
 * ({@code *}, {@code complaint:*}, {@code *:*:view}) are expanded against the union of all catalogs.
 */
public interface PermissionCatalog {

    List<Permission> permissions();
}
