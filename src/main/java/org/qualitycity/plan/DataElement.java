package org.qualitycity.plan;

/**
 * A number that is reported, computed or imported for (unit, period): e.g. P2_PASSED, P2_TESTED.
 *
 * @param source     REPORTED, COMPUTED, IMPORTED or ASSESSED (may differ from its indicator's, e.g.
 *                   P5's comparator is reported while P5 itself is reported too)
 * @param module     for COMPUTED elements, the supplying module
 * @param reportedBy for reported elements, the unit code expected to report it, or null (each unit)
 */
public record DataElement(String code, String nameZh, String nameEn, String unitZh,
                          IndicatorDefinition.ValueSource source, String module, String reportedBy) {
}
