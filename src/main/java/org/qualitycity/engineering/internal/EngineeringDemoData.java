package org.qualitycity.engineering.internal;

import org.qualitycity.engineering.AwardRecorded;
import org.qualitycity.enterprise.EnterpriseRef;
import org.qualitycity.enterprise.Enterprises;
import org.qualitycity.platform.DemoDataContributor;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Demo construction projects (generated, labelled demo): every kind in every district and zone, started 2017 until
 * now, with permits, energy reviews (a few failing), inspections with rectification notices (some overdue) and a
 * stop-work order, completion acceptances (a few failing the first time, then passing a re-acceptance), filings,
 * three awards (鲁班奖, 楚天杯) and one quality accident. Runs after the enterprise register (its first enterprises
 * are the participants) and before the indicator demo data, whose recompute then computes E1–E6 from these records.
 * Uses a random generator of its own so that the other modules' demo data stays as it was.
 */
@Component
class EngineeringDemoData implements DemoDataContributor {

    private static final Logger log = LoggerFactory.getLogger(EngineeringDemoData.class);
    private static final String[] KINDS = {"PUBLIC_BUILDING", "RESIDENTIAL", "AFFORDABLE_HOUSING", "INDUSTRIAL",
            "INFRASTRUCTURE"};
    /** Approximate centres of the districts (demo coordinates only). */
    private static final Map<String, double[]> CENTRES = Map.of("421202", new double[]{29.85, 114.32},
            "421221", new double[]{29.97, 113.93}, "421222", new double[]{29.25, 113.82},
            "421223", new double[]{29.55, 114.04}, "421224", new double[]{29.60, 114.48},
            "421281", new double[]{29.72, 113.90}, "421200GX", new double[]{29.80, 114.36});
    private static final Map<String, String> NAMES = Map.of("PUBLIC_BUILDING", "综合服务中心",
            "RESIDENTIAL", "住宅小区", "AFFORDABLE_HOUSING", "公租房", "INDUSTRIAL", "标准化厂房",
            "INFRASTRUCTURE", "道路改造工程");
    private static final String[] PLACES = {"温泉", "金桂", "淦河", "滨湖", "凤凰", "龙潭", "隽水", "陆水", "九宫", "三元"};

    private final ProjectService service;
    private final Units units;
    private final Enterprises enterprises;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    EngineeringDemoData(ProjectService service, Units units, Enterprises enterprises, JdbcClient jdbc,
                        ApplicationEventPublisher events, Clock clock) {
        this.service = service;
        this.units = units;
        this.enterprises = enterprises;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 280;
    }

    @Override
    public void generate(Random shared) {
        long t0 = System.nanoTime();
        Random r = new Random(20170514);
        LocalDate today = LocalDate.now(clock);
        List<EnterpriseRef> pool = new ArrayList<>();
        for (long id = 1; id <= 400 && pool.size() < 40; id++) {
            enterprises.byId(id).ifPresent(pool::add);
        }
        List<long[]> awardable = new ArrayList<>();
        List<Long> running = new ArrayList<>();
        int count = 0;
        int seq = 0;
        for (Unit area : units.areas()) {
            double[] centre = CENTRES.getOrDefault(area.code(), new double[]{29.8, 114.3});
            for (int year = 2017; year <= today.getYear(); year++) {
                int n = 3 + r.nextInt(3);
                for (int i = 0; i < n; i++) {
                    String kind = KINDS[(seq + i) % KINDS.length];
                    seq++;
                    LocalDate start = LocalDate.of(year, 1, 1).plusDays(r.nextInt(330));
                    if (!start.isBefore(today)) {
                        continue;
                    }
                    LocalDate permit = start.minusDays(10 + r.nextInt(40));
                    LocalDate planned = start.plusMonths(14 + r.nextInt(16));
                    boolean large = r.nextInt(4) == 0;
                    int investment = large ? 12000 + r.nextInt(40000) : r.nextInt(3) == 0 ? 3500 + r.nextInt(5000)
                            : 400 + r.nextInt(2000);
                    int area2 = large ? 60000 + r.nextInt(80000) : 3000 + r.nextInt(12000);
                    String review = r.nextInt(25) == 0 ? "FAILED" : "PASSED";
                    List<ProjectService.ParticipantRef> participants = new ArrayList<>();
                    if (pool.size() >= 5) {
                        String[] roles = {"CONSTRUCTION_UNIT", "BUILDER", "SUPERVISOR", "DESIGNER", "SURVEYOR"};
                        for (String role : roles) {
                            participants.add(new ProjectService.ParticipantRef(role,
                                    pool.get(r.nextInt(pool.size())).creditCode()));
                        }
                    }
                    String no = "XN-" + area.code() + "-" + year + "-" + String.format("%03d", i + 1);
                    String name = area.nameZh() + PLACES[r.nextInt(PLACES.length)] + NAMES.get(kind);
                    BigDecimal lat = BigDecimal.valueOf(centre[0] + (r.nextDouble() - 0.5) * 0.12).setScale(6, RoundingMode.HALF_UP);
                    BigDecimal lng = BigDecimal.valueOf(centre[1] + (r.nextDouble() - 0.5) * 0.12).setScale(6, RoundingMode.HALF_UP);
                    var p = new ProjectService.NewProject(no, name, area.code(), lat, lng, kind,
                            BigDecimal.valueOf(investment), BigDecimal.valueOf(area2), permit, start, planned, null,
                            "GB 50189-2015 / JGJ 26-2018", review, "UNDER_CONSTRUCTION", participants);
                    long id = service.insert(p, null, true);
                    count++;
                    inspections(r, id, start, planned.isBefore(today) ? planned : today, today);
                    LocalDate completion = planned.plusDays(r.nextInt(60));
                    if (completion.isBefore(today.minusDays(20))) {
                        LocalDate first = completion.plusDays(5 + r.nextInt(15));
                        boolean pass = r.nextInt(14) != 0;
                        accept(id, 1, first, pass);
                        LocalDate passedOn = first;
                        if (!pass) {
                            passedOn = first.plusDays(30 + r.nextInt(30));
                            if (passedOn.isBefore(today)) {
                                accept(id, 2, passedOn, true);
                            } else {
                                passedOn = null;
                            }
                        }
                        String status = passedOn == null ? "COMPLETED" : "ACCEPTED";
                        jdbc.sql("UPDATE engineering_project SET actual_completion = :c, status = :s WHERE id = :id")
                                .param("c", completion).param("s", status).param("id", id).update();
                        if (passedOn != null && passedOn.plusDays(40).isBefore(today) && r.nextInt(6) != 0) {
                            LocalDate filed = passedOn.plusDays(7 + r.nextInt(25));
                            jdbc.sql("UPDATE engineering_project SET filed_on = :f, filing_no = :n, status = 'FILED' WHERE id = :id")
                                    .param("f", filed).param("n", "BA-" + no).param("id", id).update();
                        }
                        if (passedOn != null && large && pass) {
                            awardable.add(new long[]{id, passedOn.getYear() + 1});
                        }
                    } else {
                        running.add(id);
                    }
                }
            }
        }
        // three awards: two 鲁班奖 / 楚天杯 for large projects that passed at the first attempt, one other
        String[][] awards = {{"CHUTIAN", "楚天杯（湖北省建设优质工程）"}, {"LUBAN", "中国建设工程鲁班奖（国家优质工程）"},
                {"OTHER", "咸宁市优质结构工程"}};
        for (int i = 0; i < awards.length && i < awardable.size(); i++) {
            long[] a = awardable.get(awardable.size() * (i + 1) / (awards.length + 1));
            int year = (int) Math.min(a[1], today.getYear());
            LocalDate on = LocalDate.of(year, 3, 1).plusDays(r.nextInt(60));
            if (on.isAfter(today)) {
                on = today;
            }
            var w = new ProjectService.NewAward(a[0], awards[i][0], year + "年度" + awards[i][1], year, on, List.of());
            List<Long> ids = jdbc.sql("SELECT enterprise_id FROM engineering_participant WHERE project_id = :p "
                            + "AND role IN ('CONSTRUCTION_UNIT', 'BUILDER')").param("p", a[0]).query(Long.class).list();
            long award = service.insertAward(w, ids, null, true);
            String projectName = jdbc.sql("SELECT name FROM engineering_project WHERE id = :p").param("p", a[0])
                    .query(String.class).single();
            events.publishEvent(new AwardRecorded(award, w.kind(), w.title(), year, on, projectName, ids));
        }
        // one quality accident on a project under construction
        if (!running.isEmpty()) {
            long project = running.get(running.size() / 3);
            LocalDate start = jdbc.sql("SELECT start_date FROM engineering_project WHERE id = :p").param("p", project)
                    .query(LocalDate.class).single();
            LocalDate on = start.plusDays(40).isBefore(today) ? start.plusDays(40) : today;
            service.insertAccident(new ProjectService.NewAccident(project, "GENERAL", on, BigDecimal.valueOf(86.5), 0, 2,
                    "脚手架局部坍塌，二人轻伤", "施工单位未按方案搭设连墙件；责令停工整改，对施工单位处以罚款"), null, true);
        }
        log.info("Engineering demo data: {} projects in {} ms", count, (System.nanoTime() - t0) / 1_000_000);
    }

    private void accept(long project, int attempt, LocalDate on, boolean passed) {
        jdbc.sql("INSERT INTO engineering_acceptance (project_id, attempt, accepted_on, passed, note) VALUES (:p, :a, :d, :ok, :n)")
                .param("p", project).param("a", attempt).param("d", on).param("ok", passed)
                .param("n", passed ? null : "屋面防水、外墙渗漏不符合要求，限期整改后复验").update();
    }

    private void inspections(Random r, long project, LocalDate from, LocalDate to, LocalDate today) {
        long days = java.time.temporal.ChronoUnit.DAYS.between(from, to);
        if (days < 30) {
            return;
        }
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            LocalDate on = from.plusDays(15 + r.nextInt((int) days - 15));
            int roll = r.nextInt(10);
            String outcome = roll < 6 ? "NONE" : roll < 9 || on.isBefore(today.minusDays(400)) ? "RECTIFICATION" : "STOP_WORK";
            String findings = switch (outcome) {
                case "NONE" -> "实体质量和资料检查未发现问题";
                case "RECTIFICATION" -> "部分梁柱节点钢筋间距超差，混凝土试块送检记录不全";
                default -> "高支模未经专家论证即施工";
            };
            long inspection = jdbc.sql("INSERT INTO engineering_inspection (project_id, inspected_on, inspector, findings, outcome) "
                            + "VALUES (:p, :d, :i, :f, :o) RETURNING id")
                    .param("p", project).param("d", on).param("i", "质监站 " + (char) ('甲' + r.nextInt(4)) + "组")
                    .param("f", findings).param("o", outcome).query(Long.class).single();
            if (!"NONE".equals(outcome)) {
                LocalDate deadline = "RECTIFICATION".equals(outcome) ? on.plusDays(15 + r.nextInt(15)) : null;
                LocalDate closed = deadline != null ? deadline.minusDays(r.nextInt(10)) : on.plusDays(10 + r.nextInt(20));
                // now and then a notice still open after its deadline (the workbench shows it)
                if (closed.isAfter(today) || r.nextInt(12) == 0) {
                    closed = null;
                }
                jdbc.sql("INSERT INTO engineering_notice (project_id, inspection_id, kind, issued_on, deadline, closed_on, closure_note) "
                                + "VALUES (:p, :i, :k, :d, :dl, :c, :note)")
                        .param("p", project).param("i", inspection).param("k", outcome).param("d", on).param("dl", deadline)
                        .param("c", closed).param("note", closed == null ? null : "已按要求整改，复查合格").update();
                if ("STOP_WORK".equals(outcome) && closed == null) {
                    jdbc.sql("UPDATE engineering_project SET status = 'STOPPED' WHERE id = :p").param("p", project).update();
                }
            }
        }
    }
}
