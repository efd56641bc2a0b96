package org.qualitycity.credit.internal;

import org.qualitycity.enterprise.Enterprises;
import org.qualitycity.spotcheck.DrawGrades;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** The credit grade as the filter of a random draw (双随机一公开 by risk class). */
@Component
class CreditDrawGrades implements DrawGrades {

    private final CreditService credit;
    private final Enterprises enterprises;

    CreditDrawGrades(CreditService credit, Enterprises enterprises) {
        this.credit = credit;
        this.enterprises = enterprises;
    }

    @Override
    public Optional<String> gradeOf(long enterpriseId) {
        return enterprises.byId(enterpriseId).map(e -> credit.grade(e).grade());
    }
}
