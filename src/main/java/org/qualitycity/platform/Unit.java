package org.qualitycity.platform;

import java.util.Locale;
import java.util.Set;

/**
 * An organisation unit: the city (the root of the tree), a district or zone, a department, or a sub-unit. What a
 * unit does for the programme is data too: its {@link Role}s.
 */
public record Unit(long id, String code, String nameZh, String nameEn, Kind kind, Long parentId, String parentCode,
                   String path, int level, int sortOrder, boolean active, Set<Role> roles) {

    public enum Kind { CITY, DISTRICT, ZONE, DEPARTMENT, SUBUNIT }

    /**
     * What a unit does for the programme, set in the unit tree file (and by its import), so that no module names a
     * unit by its code.
     */
    public enum Role {
        /** The quality office (质强办): runs the programme, owns what has no other owner, signs its circulars. */
        QUALITY_OFFICE,
        /** Receives the public's complaints and reports (the city's market regulator, 12315). */
        COMPLAINT_INTAKE,
        /** The market regulator of its area: handles the area's complaints unless a dispatch rule says otherwise. */
        MARKET_REGULATOR,
        /**
         * The housing and construction regulator (住建) of its area: sees and records the construction projects of the
         * whole area it belongs to (the city's bureau: every district).
         */
        CONSTRUCTION_REGULATOR
    }

    public Unit {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    public String name(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? nameEn : nameZh;
    }

    /** Districts and the development zone: the geographic units assessed as peers. */
    public boolean isArea() {
        return kind == Kind.DISTRICT || kind == Kind.ZONE;
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }
}
