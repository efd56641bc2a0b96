package org.qualitycity.credit.internal;

import org.qualitycity.credit.CreditGrade;
import org.qualitycity.enterprise.EnterpriseRef;
import org.qualitycity.enterprise.Enterprises;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.DataScope;
import org.qualitycity.platform.Text;
import org.qualitycity.platform.WorkbenchSource;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;

/** An enterprise's credit on its workbench: its grade and what lowers it, each reason as the rules state it. */
@Component
class CreditWorkbench implements WorkbenchSource {

    private final CreditService credit;
    private final Enterprises enterprises;

    CreditWorkbench(CreditService credit, Enterprises enterprises) {
        this.credit = credit;
        this.enterprises = enterprises;
    }

    @Override
    public List<Queue> queues(CurrentUser user, LocalDate today) {
        if (user.scopeKind() != DataScope.Kind.SELF || !user.can("credit:record:view")) {
            return List.of();
        }
        var linked = enterprises.linkedEnterprise(user.id()).flatMap(enterprises::byId);
        if (linked.isEmpty()) {
            return List.of();
        }
        EnterpriseRef e = linked.get();
        CreditGrade g = credit.grade(e);
        List<Item> lowering = g.reasons().stream().filter(r -> r.points() < 0 || "BLACKLISTED".equals(r.rule()))
                .limit(TOP)
                .map(r -> new Item(Text.of("credit.workbench.reason", r.description(),
                        r.detail() == null ? "" : r.detail(), r.points()), "/enterprises/" + e.creditCode(), null, null,
                        false))
                .toList();
        Urgency urgency = "A".equals(g.grade()) ? Urgency.INFO : lowering.isEmpty() ? Urgency.INFO : Urgency.DUE_SOON;
        return List.of(new Queue(Text.of("credit.workbench.grade", Text.of("enterprise.grade." + g.grade()), g.score()),
                1, "/enterprises/" + e.creditCode(), null, urgency, lowering));
    }
}
