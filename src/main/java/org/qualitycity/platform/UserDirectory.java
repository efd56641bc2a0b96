package org.qualitycity.platform;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Looking users up for other modules: they reference users by id only and read nothing of {@code platform_user}
 * themselves (SqlTableBoundaryTest).
 */
public interface UserDirectory {

    /** An active user as other modules need it: who and which unit. */
    record ActiveUser(long id, long unitId) {
    }

    /** The id of the user with this username, if any. */
    Optional<Long> idByUsername(String username);

    /** The ids of active users one of whose roles grants {@code permission} (patterns expanded), ascending. */
    java.util.List<Long> activeUsersWithPermission(String permission);

    /** The active user with this username (compared in lower case), if any. */
    Optional<ActiveUser> activeByUsername(String username);

    /** Whether a user (active or not) has this id. */
    boolean exists(long userId);

    /**
     * The display names of these users, deactivated ones included, in one query; ids that name no user are
     * absent from the answer. For lists that show who created a record.
     */
    Map<Long, String> displayNames(Collection<Long> userIds);
}
