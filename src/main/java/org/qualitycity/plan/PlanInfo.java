package org.qualitycity.plan;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A plan's identity and dates. {@code version} counts the changes of the stored plan: 1 when it was
 * imported, +1 for every replacement and every edit (e.g. of a measure's units).
 *
 * @param ownerUnit  code of the unit that administers the plan (市质强办), or null
 * @param regionCode division code of the plan's region (GB/T 2260), or null
 */
public record PlanInfo(String id, String code, String documentNumber, String titleZh, String titleEn,
                       LocalDate issueDate, LocalDate startDate, LocalDate endDate, boolean current, int version,
                       Instant importedAt, String ownerUnit, String regionCode) {

    /** Plan identity without owner and region (the original contract). */
    public PlanInfo(String id, String code, String documentNumber, String titleZh, String titleEn,
                    LocalDate issueDate, LocalDate startDate, LocalDate endDate, boolean current, int version,
                    Instant importedAt) {
        this(id, code, documentNumber, titleZh, titleEn, issueDate, startDate, endDate, current, version, importedAt,
                null, null);
    }
}
