package org.qualitycity.plan;

import java.time.LocalDate;

/**
 * A dated deadline of the plan, e.g. every unit's implementation plan due 2017-07-20 (on or before).
 *
 * @param appliesTo {@code ALL_UNITS}, or the unit codes it binds separated by commas
 * @param submitTo  the unit code deliverables go to (e.g. the quality office), or null
 * @param ref       the plan's section
 * @param textZh    the plan's words
 */
public record Milestone(String code, LocalDate date, String nameZh, String nameEn, String appliesTo,
                        String submitTo, String ref, String textZh) {

    /** A milestone without the plan's wording (the original contract). */
    public Milestone(String code, LocalDate date, String nameZh, String nameEn, String appliesTo) {
        this(code, date, nameZh, nameEn, appliesTo, null, null, null);
    }
}
