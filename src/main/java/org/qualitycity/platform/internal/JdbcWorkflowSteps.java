package org.qualitycity.platform.internal;

import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.Workflow;
import org.qualitycity.platform.WorkflowStepped;
import org.qualitycity.platform.WorkflowSteps;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** {@link WorkflowSteps}: check, the module's change, history row, audit entry, event — in that order. */
@Component
class JdbcWorkflowSteps implements WorkflowSteps {

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    JdbcWorkflowSteps(JdbcClient jdbc, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public <S extends Enum<S>, A extends Enum<A>, C> S apply(Workflow<S, A, C> workflow, Object entityId, Long unitId,
                                                            S current, A action, C context,
                                                            Function<Workflow.Transition<S, A, C>, Change> effect) {
        Workflow.Transition<S, A, C> t = workflow.check(current, action, context);
        Change change = effect.apply(t);
        CurrentUser actor = Security.currentUserIfAny().orElse(null);
        Long actorId = actor == null ? null : actor.id();
        Instant at = clock.instant();
        jdbc.sql("""
                        INSERT INTO platform_workflow_step (workflow, entity_id, action, from_state, to_state, actor_id, at)
                        VALUES (:workflow, :entity, :action, :from, :to, :actor, :at)""")
                .param("workflow", workflow.name()).param("entity", String.valueOf(entityId)).param("action", action.name())
                .param("from", t.from().name()).param("to", t.to().name()).param("actor", actorId)
                .param("at", Timestamp.from(at)).update();
        Object before = change == null || change.before() == null ? Map.of("state", t.from().name()) : change.before();
        Object after = change == null || change.after() == null ? Map.of("state", t.to().name()) : change.after();
        audit.record(workflow.module(), workflow.entityType(), entityId, unitId, action.name(), before, after);
        events.publishEvent(new WorkflowStepped(workflow.name(), String.valueOf(entityId), unitId, action.name(), t.from().name(),
                t.to().name(), actorId, at));
        return t.to();
    }

    @Override
    public List<Step> history(Workflow<?, ?, ?> workflow, Object entityId) {
        return jdbc.sql("""
                        SELECT workflow, entity_id, action, from_state, to_state, actor_id, at FROM platform_workflow_step
                        WHERE workflow = :workflow AND entity_id = :entity ORDER BY id""")
                .param("workflow", workflow.name()).param("entity", String.valueOf(entityId))
                .query((rs, n) -> new Step(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), (Long) rs.getObject(6), rs.getTimestamp(7).toInstant())).list();
    }
}
