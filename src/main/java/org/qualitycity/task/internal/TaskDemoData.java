package org.qualitycity.task.internal;

import org.qualitycity.calendar.WorkingDayCalendar;
import org.qualitycity.platform.DemoDataContributor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Demo: the supervision history of the generated tasks whose deadline has passed — assigned, acknowledged, progress
 * reports, feedback and closure, most on time, some late, a few still under review. Generated from the seeded
 * Random; actors are marked （演示）. Demo history carries no evidence files.
 */
@Component
class TaskDemoData implements DemoDataContributor {

    private static final ZoneId ZONE = org.qualitycity.platform.ApplicationZone.ZONE;

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate template;
    private final WorkingDayCalendar calendar;
    private final Clock clock;
    /** The events and state updates of one run, written in two batches (issue 13: no round trip per row). */
    private final List<Object[]> events = new java.util.ArrayList<>();
    private final List<Object[]> updates = new java.util.ArrayList<>();

    TaskDemoData(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate template, WorkingDayCalendar calendar,
                 Clock clock) {
        this.jdbc = jdbc;
        this.template = template;
        this.calendar = calendar;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 400;
    }

    @Override
    public void generate(Random random) {
        LocalDate today = LocalDate.now(clock);
        List<Map<String, Object>> rows = jdbc.sql("""
                        SELECT t.id, t.kind, t.start_date, t.deadline, u.name_zh FROM task_task t
                        JOIN platform_unit u ON u.id = t.unit_id
                        WHERE t.source_key IS NOT NULL AND t.state = 'CREATED' AND t.deadline < :today ORDER BY t.id""")
                .param("today", today).query().listOfRows();
        int underReview = 0;
        int measures = 0;
        for (Map<String, Object> r : rows) {
            long id = ((Number) r.get("id")).longValue();
            String unit = r.get("name_zh") + "（演示）";
            LocalDate deadline = ((java.sql.Date) r.get("deadline")).toLocalDate();
            LocalDate start = r.get("start_date") == null ? deadline.minusMonths(6)
                    : ((java.sql.Date) r.get("start_date")).toLocalDate();
            LocalDate assigned = working(start.isBefore(LocalDate.of(2017, 5, 15)) ? LocalDate.of(2017, 5, 15)
                    : start.plusDays(random.nextInt(10)));
            if (!assigned.isBefore(deadline)) {
                assigned = working(deadline.minusDays(20));
            }
            LocalDate ack = calendar.addWorkingDays(assigned, 1 + random.nextInt(3));
            boolean late = random.nextDouble() < 0.18;
            LocalDate feedback = late ? deadline.plusDays(3 + random.nextInt(40))
                    : deadline.minusDays(random.nextInt((int) Math.max(1, Math.min(40,
                    java.time.temporal.ChronoUnit.DAYS.between(ack, deadline)))));
            feedback = working(feedback.isAfter(ack) ? feedback : ack.plusDays(1));
            LocalDate mid = ack.plusDays(Math.max(1, java.time.temporal.ChronoUnit.DAYS.between(ack, feedback) / 2));
            LocalDate closed = calendar.addWorkingDays(feedback, 1 + random.nextInt(3));
            // every 19th measure task is still under review (three of the 57)
            boolean review = "MEASURE".equals(r.get("kind")) && measures++ % 19 == 7 && underReview < 3;
            event(id, "ASSIGN", "CREATED", "ASSIGNED", null, null, "市质强办（演示）", assigned);
            event(id, "ACKNOWLEDGE", "ASSIGNED", "ACKNOWLEDGED", null, null, unit, ack);
            int pct = 30 + random.nextInt(40);
            event(id, "PROGRESS", "ACKNOWLEDGED", "IN_PROGRESS", pct, "按计划推进，已完成约" + pct + "%（演示）", unit,
                    mid.isAfter(feedback) ? feedback : mid);
            event(id, "FEEDBACK", "IN_PROGRESS", "FEEDBACK", 100, "已完成，报送办理情况（演示）", unit, feedback);
            String state;
            LocalDate closedOn = null;
            if (review) {
                underReview++;
                event(id, "REVIEW", "FEEDBACK", "REVIEW", null, null, "市质强办（演示）", closed);
                state = "REVIEW";
            } else {
                event(id, "REVIEW", "FEEDBACK", "REVIEW", null, null, "市质强办（演示）", closed);
                event(id, "CLOSE", "REVIEW", "CLOSED", null, "复核通过（演示）", "市质强办（演示）", closed);
                state = "CLOSED";
                closedOn = closed;
            }
            updates.add(new Object[]{state, closedOn == null ? null : java.sql.Date.valueOf(closedOn),
                    Timestamp.from(closed.atTime(17, 0).atZone(ZONE).toInstant()), id});
        }
        template.batchUpdate("""
                        INSERT INTO task_event (task_id, action, from_state, to_state, percent, comment, actor_name, at, on_day)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", events, 1000, (ps, e) -> {
            ps.setLong(1, (Long) e[0]);
            for (int i = 1; i <= 6; i++) {
                ps.setObject(i + 1, e[i], i == 4 ? java.sql.Types.INTEGER : java.sql.Types.VARCHAR);
            }
            ps.setTimestamp(8, (Timestamp) e[7]);
            ps.setDate(9, (java.sql.Date) e[8]);
        });
        template.batchUpdate("UPDATE task_task SET state = ?, percent = 100, closed_on = ?, updated_at = ? WHERE id = ?",
                updates, 1000, (ps, u) -> {
                    ps.setString(1, (String) u[0]);
                    ps.setObject(2, u[1], java.sql.Types.DATE);
                    ps.setTimestamp(3, (Timestamp) u[2]);
                    ps.setLong(4, (Long) u[3]);
                });
        events.clear();
        updates.clear();
    }

    private LocalDate working(LocalDate d) {
        LocalDate x = d;
        for (int i = 0; i < 15 && !calendar.isWorkingDay(x); i++) {
            x = x.plusDays(1);
        }
        return x;
    }

    private void event(long task, String action, String from, String to, Integer percent, String comment, String actor,
                       LocalDate day) {
        events.add(new Object[]{task, action, from, to, percent, comment, actor,
                Timestamp.from(day.atTime(10, 0).atZone(ZONE).toInstant()), java.sql.Date.valueOf(day)});
    }
}
