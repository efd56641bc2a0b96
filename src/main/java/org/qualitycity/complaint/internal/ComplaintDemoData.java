package org.qualitycity.complaint.internal;

import org.qualitycity.calendar.CalendarYearMissingException;
import org.qualitycity.platform.DemoDataContributor;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Demo complaints and reports from January 2017 to the last complete month in all seven areas
 * (15–40 a month each), generated case by case on the legal clock: most are accepted, handled and
 * replied on time, some are late (each area has its own diligence, so some miss W2 targets in some
 * months), a few are refused or withdrawn. Order 260: before the indicator demo (300) pulls W2.
 */
@Component
class ComplaintDemoData implements DemoDataContributor {

    private static final Logger log = LoggerFactory.getLogger(ComplaintDemoData.class);
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "胡", "朱", "高", "何", "郭", "罗", "谢", "邓"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "建华", "志强", "桂兰", "海燕"};
    private static final String[][] GOODS = {{"食品", "超市"}, {"家用电器", "电器城"}, {"服装鞋帽", "服饰店"}, {"通讯器材", "手机店"},
            {"汽车及零部件", "汽车销售服务有限公司"}, {"装修建材", "建材经营部"}, {"日用百货", "百货商行"}, {"药品及医疗器械", "大药房"}};
    private static final String[][] SERVICES = {{"餐饮服务", "酒店"}, {"美容美发", "美容美发店"}, {"教育培训", "培训学校"},
            {"网络购物", "电子商务有限公司"}, {"房屋装修", "装饰工程有限公司"}, {"汽车维修", "汽车修理厂"}, {"快递物流", "快递服务部"},
            {"预付卡消费", "健身会所"}, {"旅游服务", "旅行社"}};
    private static final String[] BRANDS = {"惠民", "金桂", "温泉", "香城", "鑫源", "佳美", "华联", "宏达", "众诚", "乐购", "永安", "福星", "阳光", "丰源"};
    private static final String[] FACTS = {"购买后发现质量问题，商家拒绝退换。", "商品与宣传不符，要求退款未果。", "服务未按约定履行，多次协商无果。",
            "预付费用后商家停业，无法退款。", "产品使用不久即出现故障，商家推诿。", "收费明显高于明码标价。"};
    private static final String[] REPORT_FACTS = {"该店销售过期食品。", "该店涉嫌销售假冒商品。", "经营者无证经营。", "计量器具缺斤短两。", "虚假宣传，夸大产品功效。"};
    private static final String[] DISTRICT_SHORT = {"咸安", "嘉鱼", "通城", "崇阳", "通山", "赤壁", "高新区"};

    private final JdbcTemplate template;
    private final Units units;
    private final ComplaintService service;
    private final org.qualitycity.platform.PersonalData personalData;

    ComplaintDemoData(JdbcTemplate template, Units units, ComplaintService service,
                      org.qualitycity.platform.PersonalData personalData) {
        this.personalData = personalData;
        this.template = template;
        this.units = units;
        this.service = service;
    }

    @Override
    public int order() {
        return 260;
    }

    @Override
    public void generate(Random random) {
        long t0 = System.nanoTime();
        LocalDate today = service.today();
        YearMonth last = YearMonth.from(today).minusMonths(1);
        List<Unit> areas = units.areas();
        List<Object[]> rows = new ArrayList<>();
        int seq = 0;
        for (int a = 0; a < areas.size(); a++) {
            Unit area = areas.get(a);
            long handler = units.byCode(area.code() + "-SCJG").map(Unit::id).orElse(area.id());
            String shortName = a < DISTRICT_SHORT.length ? DISTRICT_SHORT[a] : area.nameZh();
            // each area's diligence: the chance that a step is late, drifting better over the years
            double slack = 0.004 + 0.012 * random.nextDouble();
            String[] respondents = new String[12];
            for (int i = 0; i < respondents.length; i++) {
                String[] kind = (i % 2 == 0 ? GOODS : SERVICES)[random.nextInt(i % 2 == 0 ? GOODS.length : SERVICES.length)];
                respondents[i] = shortName + BRANDS[random.nextInt(BRANDS.length)] + kind[1];
            }
            for (YearMonth ym = YearMonth.of(2017, 1); !ym.isAfter(last); ym = ym.plusMonths(1)) {
                double late = slack * (1.6 - 0.08 * (ym.getYear() - 2017)) * (random.nextInt(10) == 0 ? 4 : 1);
                int n = 15 + random.nextInt(26);
                for (int k = 0; k < n; k++) {
                    seq++;
                    rows.add(encrypted(demoCase(random, area, handler, respondents, ym, late, today, seq)));
                }
            }
        }
        template.batchUpdate("""
                INSERT INTO complaint_case (tracking_code, type, channel, category, subcategory, respondent_name,
                    respondent_address, district_unit_id, unit_id, facts, request, amount, anonymous, person_name,
                    person_phone, person_address, received_at, received_on, status, accept_due, decided_on,
                    refusal_ground, refusal_text, dispatched_on, handle_due, handled_on, outcome, money_recovered,
                    reply_due, replied_on, reply, visited_on, satisfaction, accept_from, accept_days,
                    calendar_pending_year, person_phone_hash, person_phone4_hash, person_name_hash, demo)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                        ?, ?, ?, ?, ?, ?, true)
                """, rows, 2000, (ps, r) -> {
            for (int i = 0; i < r.length; i++) {
                if (r[i] == null) {
                    ps.setNull(i + 1, Types.NULL);
                } else {
                    ps.setObject(i + 1, r[i]);
                }
            }
        });
        log.info("Complaint demo data: {} cases in {} ms", rows.size(), (System.nanoTime() - t0) / 1_000_000);
    }

    private Object[] demoCase(Random rnd, Unit area, long handler, String[] respondents, YearMonth ym, double late,
                              LocalDate today, int seq) {
        LocalDate received = ym.atDay(1 + rnd.nextInt(ym.lengthOfMonth()));
        boolean report = rnd.nextInt(100) < 15;
        String[] channels = {"WEB", "WEB", "HOTLINE", "HOTLINE", "HOTLINE", "WALKIN", "API"};
        String channel = channels[rnd.nextInt(channels.length)];
        int ri = rnd.nextInt(100) < 40 ? rnd.nextInt(3) : rnd.nextInt(respondents.length);
        boolean goods = ri % 2 == 0;
        String[][] cat = goods ? GOODS : SERVICES;
        String sub = cat[rnd.nextInt(cat.length)][0];
        String respondent = respondents[ri];
        boolean anonymous = report && rnd.nextBoolean();
        String person = anonymous ? null : SURNAMES[rnd.nextInt(SURNAMES.length)] + GIVEN[rnd.nextInt(GIVEN.length)];
        String phone = anonymous ? null : "1" + (3 + rnd.nextInt(7)) + String.format("%09d", rnd.nextInt(1_000_000_000));
        BigDecimal amount = report ? null : BigDecimal.valueOf(50 + rnd.nextInt(8000));
        int acceptDays = report ? ComplaintService.REPORT_CHECK_DAYS : ComplaintService.ACCEPT_DAYS;
        Integer pendingYear = missingYear(received, acceptDays);
        LocalDate acceptDue = pendingYear == null ? service.addWorkingDays(received, acceptDays) : null;
        String status;
        LocalDate decided = null, dispatched = null, handleDue = report ? acceptDue : null, handled = null,
                replyDue = null, replied = null, visited = null;
        String ground = null, refusalText = null, outcome = null, reply = null, satisfaction = null;
        BigDecimal money = null;
        long unit = handler;
        int roll = rnd.nextInt(1000);
        if (roll < 25 && !report) {
            decided = step(received, 1 + rnd.nextInt(6));
            status = "REFUSED";
            ground = rnd.nextBoolean() ? "NOT_CONSUMER_DISPUTE" : "NO_JURISDICTION";
            refusalText = "经审查不予受理，可依法向人民法院起诉或申请仲裁。";
        } else {
            boolean lateAccept = rnd.nextDouble() < late;
            decided = step(received, lateAccept ? 8 + rnd.nextInt(4) : 1 + rnd.nextInt(5));
            dispatched = decided;
            status = "ACCEPTED";
            if (!report) {
                handleDue = decided.plusDays(ComplaintService.MEDIATION_DAYS);
            }
            if (roll >= 985) {
                status = "WITHDRAWN";
                handled = decided.plusDays(1 + rnd.nextInt(20));
            } else {
                boolean lateHandle = rnd.nextDouble() < late;
                handled = lateHandle ? handleDue.plusDays(1 + rnd.nextInt(15))
                        : report ? step(decided, rnd.nextInt(3)) : decided.plusDays(3 + rnd.nextInt(50));
                if (handled.isBefore(decided)) {
                    handled = decided;
                }
                status = "HANDLED";
                outcome = report ? (rnd.nextInt(3) == 0 ? "CASE_OPENED" : "NO_CASE")
                        : rnd.nextInt(100) < 78 ? "AGREEMENT" : rnd.nextInt(4) == 0 ? "TRANSFERRED" : "NO_AGREEMENT";
                if ("AGREEMENT".equals(outcome)) {
                    money = amount.multiply(BigDecimal.valueOf(0.4 + 0.6 * rnd.nextDouble())).setScale(2, java.math.RoundingMode.HALF_UP);
                }
                replyDue = missingYear(handled, ComplaintService.REPLY_DAYS) == null
                        ? service.addWorkingDays(handled, ComplaintService.REPLY_DAYS) : null;
                if (!anonymous) {
                    boolean lateReply = rnd.nextDouble() < late;
                    replied = step(handled, lateReply ? 8 + rnd.nextInt(5) : rnd.nextInt(4));
                    status = "REPLIED";
                    reply = "AGREEMENT".equals(outcome) ? "经调解，双方达成一致，经营者已按约定处理。" : "您反映的问题已办结，处理结果已告知。";
                    visited = replied.plusDays(1 + rnd.nextInt(5));
                    int s = rnd.nextInt(100);
                    satisfaction = s < 80 ? "SATISFIED" : s < 94 ? "BASIC" : "DISSATISFIED";
                    status = "CLOSED";
                } else {
                    // an anonymous report: nobody to tell, so the handler files the result as the reply, on time
                    // (the case then rests as replied, as a real one does; a return visit needs a person)
                    replied = step(handled, rnd.nextInt(4));
                    reply = "匿名举报，核查处理结果已存档。";
                    status = "REPLIED";
                }
            }
        }
        // cut the story at today: later steps have not happened yet
        if (visited != null && visited.isAfter(today)) {
            visited = null;
            satisfaction = null;
            status = "REPLIED";
        }
        if (replied != null && replied.isAfter(today)) {
            replied = null;
            reply = null;
            status = "HANDLED";
        }
        if (handled != null && handled.isAfter(today)) {
            handled = null;
            outcome = null;
            money = null;
            replyDue = null;
            status = "ACCEPTED";
        }
        if (decided != null && decided.isAfter(today)) {
            decided = null;
            dispatched = null;
            ground = null;
            refusalText = null;
            status = "RECEIVED";
            handleDue = report ? acceptDue : null;
            unit = units.byCode("421200-SCJG").orElseThrow().id();
        }
        String code = String.format("T%s-D%05d", received.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE), seq % 100000);
        return new Object[]{code, report ? "REPORT" : "COMPLAINT", channel, goods ? "GOODS" : "SERVICES", sub, respondent,
                area.nameZh() + BRANDS[rnd.nextInt(BRANDS.length)] + "路" + (1 + rnd.nextInt(300)) + "号", area.id(), unit,
                report ? REPORT_FACTS[rnd.nextInt(REPORT_FACTS.length)] : sub + "：" + FACTS[rnd.nextInt(FACTS.length)],
                report ? null : "要求退款并赔偿损失", amount, anonymous, person, phone,
                anonymous ? null : area.nameZh() + "某小区" + (1 + rnd.nextInt(30)) + "栋",
                Timestamp.from(received.atTime(8 + rnd.nextInt(10), rnd.nextInt(60)).atZone(ComplaintService.BEIJING).toInstant()),
                Date.valueOf(received), status, sql(acceptDue), sql(decided), ground, refusalText, sql(dispatched),
                sql(handleDue), sql(handled), outcome, money, sql(replyDue), sql(replied), reply, sql(visited), satisfaction,
                Date.valueOf(received), acceptDays,
                acceptDue == null ? pendingYear : replyDue == null && "HANDLED".equals(status) && handled != null
                        ? missingYear(handled, ComplaintService.REPLY_DAYS) : null};
    }

    /** The year whose missing calendar keeps a deadline of {@code n} working days after {@code from} pending, or null. */
    private Integer missingYear(LocalDate from, int n) {
        try {
            service.addWorkingDays(from, n);
            return null;
        } catch (CalendarYearMissingException e) {
            return e.year();
        }
    }

    /**
     * A step of the demo story {@code n} working days after {@code from}. Beyond the loaded calendar years the story
     * only needs a date after today (it is cut there), never a legal deadline: weekdays are counted then.
     */
    private LocalDate step(LocalDate from, int n) {
        try {
            return service.addWorkingDays(from, n);
        } catch (CalendarYearMissingException e) {
            LocalDate d = from;
            for (int left = n; left > 0; ) {
                d = d.plusDays(1);
                left -= d.getDayOfWeek().getValue() <= 5 ? 1 : 0;
            }
            return d;
        }
    }

    /** The row with name, phone and address encrypted and the look-up hashes appended (stored as the service stores them). */
    private Object[] encrypted(Object[] row) {
        String name = (String) row[13];
        String phone = (String) row[14];
        Object[] out = java.util.Arrays.copyOf(row, row.length + 3);
        out[13] = personalData.encrypt(name);
        out[14] = personalData.encrypt(phone);
        out[15] = personalData.encrypt((String) row[15]);
        out[row.length] = personalData.phoneHash(phone);
        out[row.length + 1] = personalData.phone4Hash(phone);
        out[row.length + 2] = personalData.hash("name", name);
        return out;
    }

    private static Date sql(LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }
}
