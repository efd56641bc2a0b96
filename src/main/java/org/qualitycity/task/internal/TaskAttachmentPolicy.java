package org.qualitycity.task.internal;

import org.qualitycity.files.AttachmentOwnerPolicy;
import org.qualitycity.platform.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;

/** Evidence and documents of a task (owner type "task"): the units of the task in the caller's scope. */
@Component
class TaskAttachmentPolicy implements AttachmentOwnerPolicy {

    private final JdbcClient jdbc;

    TaskAttachmentPolicy(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String ownerType() {
        return "task";
    }

    @Override
    public boolean canRead(CurrentUser user, long ownerId) {
        return user.can(TaskPermissions.VIEW) && visible(user, ownerId, false);
    }

    @Override
    public boolean canWrite(CurrentUser user, long ownerId) {
        return (user.can(TaskPermissions.HANDLE) || user.can(TaskPermissions.REVIEW)) && visible(user, ownerId, true);
    }

    private boolean visible(CurrentUser user, long id, boolean open) {
        Map<String, Object> p = new HashMap<>(user.scope().params());
        p.put("id", id);
        return jdbc.sql("SELECT count(*) FROM task_task t WHERE t.id = :id AND "
                        + TaskService.scopePredicate(user.scope()) + (open ? " AND t.state <> 'CLOSED'" : ""))
                .params(p).query(Long.class).single() > 0;
    }

    @Override
    public Long unitOf(long ownerId) {
        return jdbc.sql("SELECT unit_id FROM task_task WHERE id = :id").param("id", ownerId).query(Long.class)
                .optional().orElse(null);
    }
}
