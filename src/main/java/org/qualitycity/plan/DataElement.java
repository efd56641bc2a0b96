package org.qualitycity.plan;

/**
 * A number that is reported, computed or imported for (unit, period): e.g. P2_PASSED, P2_TESTED.
 *
 * <p>An element without a source of its own in the plan file inherits its indicator's source, module
 * and reporting unit, so every element here carries them.
 *
 * @param source     REPORTED, COMPUTED, IMPORTED or ASSESSED (may differ from its indicator's, e.g.
 *                   P5's comparator is reported while P5 itself is reported too)
 * @param module     for COMPUTED elements, the supplying module
 * @param reportedBy for reported elements, the unit code expected to report it, or null (each unit)
 * @param scope      {@code CITY_ONLY} when the value is entered once for the plan's region and applies to
 *                   every unit (e.g. a national average), otherwise null
 */
public record DataElement(String code, String nameZh, String nameEn, String unitZh,
                          IndicatorDefinition.ValueSource source, String module, String reportedBy, String scope) {

    /** An element without a scope (the original contract). */
    public DataElement(String code, String nameZh, String nameEn, String unitZh,
                       IndicatorDefinition.ValueSource source, String module, String reportedBy) {
        this(code, nameZh, nameEn, unitZh, source, module, reportedBy, null);
    }

    /** Whether the value is entered once for the whole region ({@code scope: CITY_ONLY}). */
    public boolean cityOnly() {
        return "CITY_ONLY".equals(scope);
    }
}
