package org.qualitycity.platform;

import java.util.Optional;

/** Looking users up for other modules (they reference users by id only). */
public interface UserDirectory {

    /** The id of the user with this username, if any. */
    Optional<Long> idByUsername(String username);

    /** The ids of active users one of whose roles grants {@code permission} (patterns expanded), ascending. */
    java.util.List<Long> activeUsersWithPermission(String permission);
}
