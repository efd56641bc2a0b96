package org.qualitycity.credit.internal;

import org.qualitycity.platform.DemoDataContributor;
import org.qualitycity.spotcheck.SpotcheckRecords;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

/** Demo credit events (penalties, honours) and two listings on the serious-violation list, one of them repaired. */
@Component
class CreditDemoData implements DemoDataContributor {

    private static final String[] HONOURS = {"湖北名牌产品", "咸宁市市长质量奖", "地理标志保护产品", "湖北省著名商标",
            "国家级标准化试点单位"};
    private static final String[] PENALTIES = {"生产销售不合格产品,没收违法所得并罚款", "未按规定标注生产日期,罚款",
            "无证生产,责令停产并罚款"};

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SpotcheckRecords spotchecks;

    CreditDemoData(JdbcClient jdbc, Clock clock, SpotcheckRecords spotchecks) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.spotchecks = spotchecks;
    }

    @Override
    public int order() {
        return 270;
    }

    @Override
    public void generate(Random random) {
        long t0 = System.nanoTime();
        generateRecords(random);
        org.slf4j.LoggerFactory.getLogger(CreditDemoData.class).info("Credit demo data in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

    private void generateRecords(Random random) {
        LocalDate today = LocalDate.now(clock);
        List<Long> ids = jdbc.sql("SELECT id FROM enterprise WHERE demo ORDER BY id").query(Long.class).list();
        if (ids.isEmpty()) {
            return;
        }
        for (int i = 0; i < 25; i++) {
            boolean honour = random.nextDouble() < 0.6;
            LocalDate on = today.minusDays(10 + random.nextInt(1500));
            jdbc.sql("INSERT INTO credit_event (enterprise_id, kind, occurred_on, description, reference) "
                            + "VALUES (:e, :k, :d, :t, :r)").param("e", ids.get(random.nextInt(ids.size())))
                    .param("k", honour ? "HONOUR" : "PENALTY").param("d", on)
                    .param("t", honour ? HONOURS[random.nextInt(HONOURS.length)] : PENALTIES[random.nextInt(PENALTIES.length)])
                    .param("r", honour ? null : "咸市监处罚〔" + on.getYear() + "〕" + (10 + random.nextInt(90)) + "号").update();
        }
        // the enterprises with the most failed batches are listed
        List<Long> worst = spotchecks.enterprisesWithMostFailedBatches(2);
        for (int i = 0; i < worst.size(); i++) {
            LocalDate listed = today.minusDays(i == 0 ? 200 : 600);
            long id = jdbc.sql("INSERT INTO credit_blacklist (enterprise_id, decision_no, legal_basis, reason, approved_by, "
                            + "listed_on, until) VALUES (:e, :n, :b, :r, :a, :l, :u) RETURNING id").param("e", worst.get(i))
                    .param("n", "咸市监信列〔" + listed.getYear() + "〕" + (i + 1) + "号")
                    .param("b", "《市场监督管理严重违法失信名单管理办法》第二条")
                    .param("r", "多次监督抽查不合格且逾期未整改").param("a", "咸宁市市场监督管理局局务会")
                    .param("l", listed).param("u", listed.plusYears(3)).query(Long.class).single();
            if (i == 1) {
                LocalDate applied = listed.plusYears(1).plusDays(20);
                jdbc.sql("INSERT INTO credit_repair (blacklist_id, applied_on, commitment, evidence, status, decided_on, "
                                + "decision_note) VALUES (:b, :a, :c, :e, 'APPROVED', :d, :n)").param("b", id)
                        .param("a", applied).param("c", "信用修复承诺书:本企业承诺依法诚信经营。")
                        .param("e", "整改报告、复查合格报告、罚款缴纳凭证").param("d", applied.plusDays(15))
                        .param("n", "整改到位,同意提前移出").update();
                jdbc.sql("UPDATE credit_blacklist SET removed_on = :d, removal_reason = '信用修复 / credit repair' "
                        + "WHERE id = :id").param("d", applied.plusDays(15)).param("id", id).update();
            }
        }
    }
}
