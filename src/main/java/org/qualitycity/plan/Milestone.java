package org.qualitycity.plan;

import java.time.LocalDate;

/** A dated deadline of the plan, e.g. every unit's implementation plan due 2017-07-20. */
public record Milestone(String code, LocalDate date, String nameZh, String nameEn, String appliesTo) {
}
