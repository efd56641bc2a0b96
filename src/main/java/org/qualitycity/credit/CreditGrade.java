package org.qualitycity.credit;

import java.time.LocalDate;
import java.util.List;

/**
 * An enterprise's credit grade on a day, with every reason that produced it.
 *
 * @param grade A 守信, B 基本守信, C 失信, D 严重失信
 */
public record CreditGrade(long enterpriseId, String creditCode, LocalDate asOf, int score, String grade,
                          List<Reason> reasons) {

    /** One rule that applied: its code, the points it gave, and what it refers to. */
    public record Reason(String rule, int points, String description, String detail) {
    }
}
