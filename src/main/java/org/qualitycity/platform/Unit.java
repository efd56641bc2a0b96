package org.qualitycity.platform;

import java.util.Locale;

/** An organisation unit: the city, a district or zone, a department, or a sub-unit. */
public record Unit(long id, String code, String nameZh, String nameEn, Kind kind, Long parentId, String parentCode,
                   String path, int level, int sortOrder, boolean active) {

    public enum Kind { CITY, DISTRICT, ZONE, DEPARTMENT, SUBUNIT }

    public String name(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? nameEn : nameZh;
    }

    /** Districts and the development zone: the geographic units assessed as peers. */
    public boolean isArea() {
        return kind == Kind.DISTRICT || kind == Kind.ZONE;
    }
}
