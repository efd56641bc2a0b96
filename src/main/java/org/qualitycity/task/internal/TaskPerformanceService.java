package org.qualitycity.task.internal;

import org.qualitycity.task.TaskPerformance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.util.Map;

@Service
class TaskPerformanceService implements TaskPerformance {

    private final JdbcClient jdbc;

    TaskPerformanceService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Record performance(long unitId, int year, LocalDate asOf) {
        Map<String, Object> row = jdbc.sql("""
                        SELECT count(*) FILTER (WHERE state = 'CLOSED' AND closed_on <= deadline) AS on_time,
                               count(*) FILTER (WHERE state = 'CLOSED' AND closed_on > deadline) AS late,
                               count(*) FILTER (WHERE state <> 'CLOSED') AS overdue
                        FROM task_task
                        WHERE unit_id = :unit AND state <> 'CREATED'
                          AND ((state = 'CLOSED' AND extract(year FROM closed_on) = :year)
                            OR (state = 'CLOSED' AND extract(year FROM deadline) = :year AND closed_on <= deadline)
                            OR (state <> 'CLOSED' AND extract(year FROM deadline) = :year AND deadline < :asOf))""")
                .param("unit", unitId).param("year", year).param("asOf", asOf).query().singleRow();
        return new Record(((Number) row.get("on_time")).intValue(), ((Number) row.get("late")).intValue(),
                ((Number) row.get("overdue")).intValue());
    }

    @Override
    public int redNotices(long unitId, int year) {
        return jdbc.sql("""
                        SELECT count(*) FROM task_notice WHERE unit_id = :unit AND kind = 'SUPERVISION' AND level = 'RED'
                          AND extract(year FROM issued_on) = :year""")
                .param("unit", unitId).param("year", year).query(Long.class).single().intValue();
    }
}
