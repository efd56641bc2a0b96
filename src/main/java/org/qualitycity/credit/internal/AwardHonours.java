package org.qualitycity.credit.internal;

import org.qualitycity.engineering.AwardRecorded;
import org.qualitycity.platform.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * A construction award (鲁班奖, 楚天杯 …) is a quality honour of every enterprise it names: one HONOUR credit event
 * per enterprise and award, filed under the award's reference so that a replayed event adds nothing.
 */
@Component
class AwardHonours {

    private final JdbcClient jdbc;
    private final AuditLog audit;

    AwardHonours(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @ApplicationModuleListener
    void on(AwardRecorded award) {
        for (Long enterprise : award.enterpriseIds()) {
            Long id = jdbc.sql("""
                            INSERT INTO credit_event (enterprise_id, kind, occurred_on, description, reference)
                            SELECT :e, 'HONOUR', :on, :d, :ref
                            WHERE NOT EXISTS (SELECT 1 FROM credit_event WHERE enterprise_id = :e AND reference = :ref)
                            RETURNING id""")
                    .param("e", enterprise).param("on", award.awardedOn())
                    .param("d", award.title() + " · " + award.projectName()).param("ref", award.reference())
                    .query(Long.class).optional().orElse(null);
            if (id != null) {
                audit.record("credit", "event", id, null, "CREATE", null,
                        Map.of("kind", "HONOUR", "reference", award.reference(), "enterpriseId", enterprise));
            }
        }
    }
}
