package org.qualitycity.platform;

import java.util.List;
import java.util.Optional;

/** Read access to the unit tree for every module. */
public interface Units {

    Optional<Unit> byCode(String code);

    Optional<Unit> byId(long id);

    /** Every unit, active or not, in tree order. */
    List<Unit> all();

    /** The city: the root of the tree. */
    Unit city();

    /** The highest active unit with the role (the city's, before an area's), if any. */
    Optional<Unit> withRole(Unit.Role role);

    /** The highest active unit with the role in the subtree of {@code within} (itself included), if any. */
    Optional<Unit> withRole(Unit.Role role, Unit within);

    /** The districts and the zone (assessed as peers), in their official order. */
    List<Unit> areas();

    /** The unit with this code if the user's data scope covers it; otherwise {@link NotFoundException}. */
    Unit requireVisible(String code, CurrentUser user);

    /** As {@link #requireVisible(String, CurrentUser)} with the user's scope in one module ({@link CurrentUser#scope(String)}). */
    Unit requireVisible(String code, CurrentUser user, String module);

    /** The city and the areas (districts, zone) that the user's scope covers, in order. */
    List<Unit> visibleToAreas(CurrentUser user);

    /** Whether the user's data scope covers the unit. */
    boolean isVisible(long unitId, CurrentUser user);
}
