package org.qualitycity.indicator;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The public analytics for other modules (the portal): approved values only, exactly what
 * {@code GET /api/v1/public/analytics} answers, without a caller's scope.
 */
public interface PublicAnalytics {

    /** An approved value: indicator, period id, unit code, value, target and status. */
    record Value(String indicator, String period, String unitCode, BigDecimal value, String targetKind,
                 BigDecimal target, String status) {
    }

    /** The latest year whose annual results carry an approved value, if any. */
    Optional<Integer> latestApprovedYear();

    /** Approved values of these indicators (codes), periods (ids) and units (codes). */
    List<Value> approved(List<String> indicators, List<String> periods, List<String> unitCodes);
}
