package org.qualitycity.plan;

import java.time.Instant;
import java.time.LocalDate;

/** A plan's identity and dates. {@code version} counts imports that replaced it (1 = first). */
public record PlanInfo(String id, String code, String documentNumber, String titleZh, String titleEn,
                       LocalDate issueDate, LocalDate startDate, LocalDate endDate, boolean current, int version,
                       Instant importedAt) {
}
