package org.qualitycity.task.internal;

import org.qualitycity.task.TaskProgress;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;

/** {@link TaskProgress}: counts over {@code task_task}. */
@Component
class TaskProgressQueries implements TaskProgress {

    private final JdbcClient jdbc;

    TaskProgressQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Measures measures(String planId) {
        return jdbc.sql("""
                        SELECT count(*) AS with_tasks, count(*) FILTER (WHERE open = 0) AS done FROM (
                            SELECT measure_code, count(*) FILTER (WHERE state <> 'CLOSED') AS open FROM task_task
                            WHERE plan_id = :plan AND measure_code IS NOT NULL GROUP BY measure_code) m""")
                .param("plan", planId)
                .query((rs, i) -> new Measures(rs.getInt(1), rs.getInt(2))).single();
    }

    @Override
    public List<UnitProgress> byUnit(String planId, LocalDate today) {
        return jdbc.sql("""
                        SELECT u.code, count(*), count(*) FILTER (WHERE t.state = 'CLOSED'),
                               count(*) FILTER (WHERE t.state <> 'CLOSED' AND t.deadline < :today),
                               COALESCE(round(avg(CASE WHEN t.state = 'CLOSED' THEN 100 ELSE t.percent END)), 0)
                        FROM task_task t JOIN platform_unit u ON u.id = t.unit_id
                        WHERE t.plan_id = :plan
                        GROUP BY u.code, u.level, u.sort_order ORDER BY u.level, u.sort_order, u.code""")
                .param("plan", planId).param("today", today)
                .query((rs, i) -> new UnitProgress(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4),
                        rs.getInt(5))).list();
    }
}
