package org.qualitycity.report.internal;

import org.qualitycity.indicator.Period;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a snapshot into chapters: the white paper's (overview and index of targets met, product, engineering,
 * service, ecology, quality infrastructure, government work, problems and next steps) or an analysis' (summary,
 * trend, what moved most, indicators at risk, next steps). Every figure stands beside the previous year's and the
 * target; every sentence is a message template of the document's language.
 */
@Component
class ContentBuilder {

    static final List<String> WHITE_PAPER = List.of("overview", "product", "engineering", "service", "ecology",
            "infrastructure", "government", "closing");
    static final List<String> ANALYSIS = List.of("summary", "trend", "movers", "risks", "closing");
    private static final Map<String, String> AREA = Map.of("product", "PRODUCT", "engineering", "ENGINEERING",
            "service", "SERVICE", "ecology", "ECOLOGY", "government", "GOVERNMENT");
    static final String PLAN_INDICATOR = "PLAN_INDICATOR";
    static final String COUNT_TARGET = "COUNT_TARGET";

    private final MessageSource messages;

    ContentBuilder(MessageSource messages) {
        this.messages = messages;
    }

    static List<String> chapterKeys(String kind) {
        return "ANALYSIS".equals(kind) ? ANALYSIS : WHITE_PAPER;
    }

    /** The chapters, with the office's texts where it has written them. */
    List<Content.Chapter> chapters(Snapshot s, Map<String, String> texts) {
        var ctx = new Ctx(s, Locale.forLanguageTag(s.lang()));
        List<Content.Chapter> list = new ArrayList<>();
        int n = 0;
        for (String key : chapterKeys(s.kind())) {
            n++;
            List<Content.Block> blocks = new ArrayList<>();
            String generated = "ANALYSIS".equals(s.kind()) ? analysis(ctx, key, blocks) : whitePaper(ctx, key, blocks);
            String edited = texts == null ? null : texts.get(key);
            String title = t(ctx, "report.chapter.number." + n) + t(ctx, "report.chapter." + key);
            list.add(new Content.Chapter(key, title, edited != null ? edited : generated, generated, edited != null,
                    List.copyOf(blocks)));
        }
        return list;
    }

    /** The document's title. */
    String title(Snapshot s) {
        var ctx = new Ctx(s, Locale.forLanguageTag(s.lang()));
        String city = s.city().name(s.lang());
        if ("ANALYSIS".equals(s.kind())) {
            return t(ctx, "report.title.analysis", city, periodName(ctx, s.period()), t(ctx, "report.sector." + s.sector()));
        }
        return t(ctx, "report.title.white-paper", city, String.valueOf(s.year()));
    }

    // ---------------------------------------------------------------- white paper

    private String whitePaper(Ctx c, String key, List<Content.Block> blocks) {
        Snapshot s = c.s;
        String p = s.period();
        return switch (key) {
            case "overview" -> {
                List<Snapshot.Ind> inds = s.indicators().stream().filter(i -> PLAN_INDICATOR.equals(i.category())).toList();
                blocks.add(indicatorTable(c, "index", t(c, "report.table.index", String.valueOf(s.year())), inds, true));
                long met = count(c, inds, "MET");
                long risk = count(c, inds, "AT_RISK");
                long notMet = count(c, inds, "NOT_MET");
                yield t(c, "report.text.overview", String.valueOf(s.year()), c.planTitle(), inds.size(), met, risk, notMet,
                        s.city().name(s.lang()));
            }
            case "infrastructure" -> {
                List<Snapshot.Ind> inds = s.indicators().stream().filter(i -> COUNT_TARGET.equals(i.category())).toList();
                blocks.add(indicatorTable(c, "indicators:INFRASTRUCTURE", t(c, "report.table.infrastructure",
                        String.valueOf(s.year())), inds, false));
                yield t(c, "report.text.infrastructure", String.valueOf(s.year()), inds.size(), count(c, inds, "MET"))
                        + "\n" + sentences(c, inds, p);
            }
            case "closing" -> {
                List<String> missed = s.indicators().stream()
                        .filter(i -> PLAN_INDICATOR.equals(i.category()) || COUNT_TARGET.equals(i.category()))
                        .filter(i -> status(c, i, s.city().code(), p).map(v -> v.equals("NOT_MET") || v.equals("AT_RISK"))
                                .orElse(false))
                        .map(i -> i.code() + " " + i.name(s.lang())).toList();
                yield missed.isEmpty() ? t(c, "report.text.closing.none", String.valueOf(s.year() + 1))
                        : t(c, "report.text.closing", String.join(t(c, "report.list.separator"), missed),
                        String.valueOf(s.year() + 1));
            }
            case "product" -> {
                String text = sector(c, key, AREA.get(key), blocks);
                String details = productDetails(c, blocks);
                yield details.isEmpty() ? text : text + "\n" + details;
            }
            default -> sector(c, key, AREA.get(key), blocks);
        };
    }

    /**
     * The product chapter's details (a white paper's snapshot holds them): supervision spot checks by product category
     * (this year, the year before, and P2's target beside each pass rate), and the counts behind the product indicators
     * (food and agricultural products P3/P4, export notifications P5, licences P6, standards P8 ...) with the year before
     * and the target.
     */
    private String productDetails(Ctx c, List<Content.Block> blocks) {
        Snapshot s = c.s;
        if (s.product() == null) {
            return "";
        }
        String p = s.period();
        String prev = s.previousYearPeriod();
        String year = String.valueOf(s.year());
        String before = String.valueOf(s.year() - 1);
        String p2Target = s.indicator("P2").map(i -> target(c, s.value(i.code(), s.city().code(), p), i)).orElse("—");
        java.util.Map<String, Snapshot.Category[]> byCategory = new java.util.LinkedHashMap<>();
        for (Snapshot.Category x : s.product().categories()) {
            Snapshot.Category[] pair = byCategory.computeIfAbsent(x.code(), k -> new Snapshot.Category[2]);
            pair[x.year() == s.year() ? 0 : 1] = x;
        }
        List<List<String>> rows = new ArrayList<>();
        int tested = 0;
        int passed = 0;
        for (Snapshot.Category[] pair : byCategory.values()) {
            Snapshot.Category any = pair[0] != null ? pair[0] : pair[1];
            rows.add(List.of(any.name(s.lang()), t(c, "report.kind." + any.kind()),
                    pair[0] == null ? "0" : String.valueOf(pair[0].tested()),
                    pair[0] == null ? "0" : String.valueOf(pair[0].passed()), rate(pair[0]), rate(pair[1]), p2Target));
            if (pair[0] != null) {
                tested += pair[0].tested();
                passed += pair[0].passed();
            }
        }
        blocks.add(new Content.Table("spotcheck-categories", t(c, "report.table.spotcheck-categories", year),
                List.of(t(c, "report.col.category"), t(c, "report.col.kind"), t(c, "report.col.tested", year),
                        t(c, "report.col.passed", year), t(c, "report.col.pass-rate", year),
                        t(c, "report.col.pass-rate", before), t(c, "report.col.target")), rows));

        List<List<String>> counts = new ArrayList<>();
        for (Snapshot.Ind i : s.indicators()) {
            Optional<Snapshot.Count> now = count(s, i.code(), p);
            Optional<Snapshot.Count> then = count(s, i.code(), prev);
            if (now.isEmpty() && then.isEmpty()) {
                continue;
            }
            Snapshot.Count any = now.orElseGet(then::get);
            boolean en = "en".equals(s.lang());
            counts.add(List.of(label(c, i), en ? any.numeratorEn() : any.numeratorZh(),
                    fmt(now.map(Snapshot.Count::numerator).orElse(null), 0),
                    fmt(then.map(Snapshot.Count::numerator).orElse(null), 0), ""));
            counts.add(List.of("", en ? any.denominatorEn() : any.denominatorZh(),
                    fmt(now.map(Snapshot.Count::denominator).orElse(null), 0),
                    fmt(then.map(Snapshot.Count::denominator).orElse(null), 0), ""));
            var v = s.value(i.code(), s.city().code(), p);
            counts.add(List.of("", t(c, "report.row.value", unit(c, i)),
                    fmt(v.map(Snapshot.Val::value).orElse(null), i.decimals()),
                    fmt(s.value(i.code(), s.city().code(), prev).map(Snapshot.Val::value).orElse(null), i.decimals()),
                    target(c, v, i)));
        }
        blocks.add(new Content.Table("product-counts", t(c, "report.table.product-counts", year),
                List.of(t(c, "report.col.indicator"), t(c, "report.col.item"), periodName(c, p), periodName(c, prev),
                        t(c, "report.col.target")), counts));
        return byCategory.isEmpty() ? "" : t(c, "report.text.product.categories", year, String.valueOf(byCategory.size()),
                String.valueOf(tested), String.valueOf(passed),
                tested == 0 ? "—" : fmt(BigDecimal.valueOf(passed * 100L).divide(BigDecimal.valueOf(tested), 2,
                        RoundingMode.HALF_UP), 2));
    }

    private static Optional<Snapshot.Count> count(Snapshot s, String indicator, String period) {
        return s.product().counts().stream().filter(x -> x.indicator().equals(indicator) && x.period().equals(period))
                .findFirst();
    }

    /** A category's pass rate in per cent, two decimals ("—" without tested batches). */
    static String rate(Snapshot.Category x) {
        if (x == null || x.tested() == 0) {
            return "—";
        }
        return fmt(BigDecimal.valueOf(x.passed() * 100L).divide(BigDecimal.valueOf(x.tested()), 2, RoundingMode.HALF_UP), 2);
    }

    private String sector(Ctx c, String key, String area, List<Content.Block> blocks) {
        Snapshot s = c.s;
        String p = s.period();
        List<Snapshot.Ind> inds = s.indicators().stream()
                .filter(i -> area.equals(i.area()) && PLAN_INDICATOR.equals(i.category())).toList();
        blocks.add(indicatorTable(c, "indicators:" + area, t(c, "report.table.sector",
                t(c, "report.chapter." + key), String.valueOf(s.year())), inds, false));
        boolean charted = false;
        for (Snapshot.Ind i : inds) {
            if (s.areas().stream().noneMatch(a -> s.value(i.code(), a.code(), p).map(v -> v.value() != null).orElse(false))) {
                continue;
            }
            blocks.add(districtTable(c, i));
            if (!charted) {
                blocks.add(districtChart(c, i));
                charted = true;
            }
        }
        return t(c, "report.text.sector", String.valueOf(s.year()), t(c, "report.chapter." + key), inds.size(),
                count(c, inds, "MET")) + "\n" + sentences(c, inds, p);
    }

    // ---------------------------------------------------------------- analyses

    private String analysis(Ctx c, String key, List<Content.Block> blocks) {
        Snapshot s = c.s;
        String p = s.period();
        String prev = s.previousYearPeriod();
        List<Snapshot.Ind> inds = s.indicators().stream()
                .filter(i -> PLAN_INDICATOR.equals(i.category()) || COUNT_TARGET.equals(i.category())).toList();
        String sectorName = t(c, "report.sector." + s.sector());
        String periodName = periodName(c, p);
        return switch (key) {
            case "summary" -> {
                blocks.add(indicatorTable(c, "indicators:" + s.sector(), t(c, "report.table.sector", sectorName, periodName),
                        inds, false));
                yield t(c, "report.text.analysis.summary", periodName, sectorName, inds.size(), count(c, inds, "MET"),
                        count(c, inds, "AT_RISK"), count(c, inds, "NOT_MET")) + "\n" + sentences(c, inds, p);
            }
            case "trend" -> {
                List<String> header = new ArrayList<>(List.of(t(c, "report.col.indicator")));
                s.periods().forEach(x -> header.add(periodName(c, x)));
                header.add(t(c, "report.col.target"));
                List<List<String>> rows = new ArrayList<>();
                for (Snapshot.Ind i : inds) {
                    List<String> row = new ArrayList<>(List.of(label(c, i)));
                    for (String x : s.periods()) {
                        row.add(fmt(s.value(i.code(), s.city().code(), x).map(Snapshot.Val::value).orElse(null), i.decimals()));
                    }
                    row.add(target(c, s.value(i.code(), s.city().code(), p), i));
                    rows.add(row);
                }
                blocks.add(new Content.Table("trend:" + s.sector(), t(c, "report.table.trend", sectorName), header, rows));
                inds.stream().filter(i -> s.value(i.code(), s.city().code(), p).map(v -> v.value() != null).orElse(false))
                        .findFirst().ifPresent(i -> blocks.add(new Content.Chart("trend:" + i.code(),
                                t(c, "report.chart.trend", label(c, i)),
                                s.periods().stream().map(x -> periodName(c, x)).toList(), List.of(s.city().name(s.lang())),
                                List.of(s.periods().stream().map(x -> dbl(s.value(i.code(), s.city().code(), x))).toList()))));
                yield t(c, "report.text.analysis.trend", sectorName, periodName(c, s.periods().get(0)), periodName);
            }
            case "movers" -> {
                List<List<String>> cats = new ArrayList<>();
                record Move(Snapshot.Ind ind, BigDecimal current, BigDecimal before, BigDecimal change) {
                }
                List<Move> moves = new ArrayList<>();
                for (Snapshot.Ind i : inds) {
                    BigDecimal current = s.value(i.code(), s.city().code(), p).map(Snapshot.Val::value).orElse(null);
                    BigDecimal before = s.value(i.code(), s.city().code(), prev).map(Snapshot.Val::value).orElse(null);
                    if (current != null && before != null) {
                        moves.add(new Move(i, current, before, current.subtract(before)));
                    }
                }
                moves.sort(Comparator.comparing((Move m) -> m.change().abs()).reversed()
                        .thenComparing(m -> m.ind().code()));
                for (Move m : moves) {
                    cats.add(List.of(label(c, m.ind()), fmt(m.current(), m.ind().decimals()), fmt(m.before(), m.ind().decimals()),
                            signed(m.change(), m.ind().decimals())));
                }
                blocks.add(new Content.Table("categories:" + s.sector(), t(c, "report.table.categories", periodName),
                        List.of(t(c, "report.col.indicator"), periodName, periodName(c, prev), t(c, "report.col.change")),
                        cats));
                List<List<String>> districts = new ArrayList<>();
                for (Snapshot.Ind i : inds) {
                    record AreaMove(Snapshot.Place place, BigDecimal change) {
                    }
                    List<AreaMove> am = new ArrayList<>();
                    for (Snapshot.Place a : s.areas()) {
                        BigDecimal current = s.value(i.code(), a.code(), p).map(Snapshot.Val::value).orElse(null);
                        BigDecimal before = s.value(i.code(), a.code(), prev).map(Snapshot.Val::value).orElse(null);
                        if (current != null && before != null) {
                            am.add(new AreaMove(a, current.subtract(before)));
                        }
                    }
                    if (am.isEmpty()) {
                        continue;
                    }
                    am.sort(Comparator.comparing(AreaMove::change).thenComparing(x -> x.place().code()));
                    AreaMove down = am.get(0);
                    AreaMove up = am.get(am.size() - 1);
                    districts.add(List.of(label(c, i), up.place().name(s.lang()), signed(up.change(), i.decimals()),
                            down.place().name(s.lang()), signed(down.change(), i.decimals())));
                }
                blocks.add(new Content.Table("districts:" + s.sector(), t(c, "report.table.movers", periodName),
                        List.of(t(c, "report.col.indicator"), t(c, "report.col.rose"), t(c, "report.col.change"),
                                t(c, "report.col.fell"), t(c, "report.col.change")), districts));
                yield moves.isEmpty() ? t(c, "report.text.analysis.movers.none", periodName)
                        : t(c, "report.text.analysis.movers", periodName, label(c, moves.get(0).ind()),
                        signed(moves.get(0).change(), moves.get(0).ind().decimals()));
            }
            case "risks" -> {
                List<List<String>> rows = new ArrayList<>();
                List<Snapshot.Place> places = new ArrayList<>();
                places.add(s.city());
                places.addAll(s.areas());
                for (Snapshot.Ind i : inds) {
                    for (Snapshot.Place a : places) {
                        var v = s.value(i.code(), a.code(), p);
                        if (v.isPresent() && ("NOT_MET".equals(v.get().status()) || "AT_RISK".equals(v.get().status()))) {
                            rows.add(List.of(label(c, i), a.name(s.lang()), fmt(v.get().value(), i.decimals()),
                                    target(c, v, i), statusName(c, v.get().status())));
                        }
                    }
                }
                blocks.add(new Content.Table("risks:" + s.sector(), t(c, "report.table.risks", periodName),
                        List.of(t(c, "report.col.indicator"), t(c, "report.col.area"), t(c, "report.col.value"),
                                t(c, "report.col.target"), t(c, "report.col.status")), rows));
                yield rows.isEmpty() ? t(c, "report.text.analysis.risks.none", periodName)
                        : t(c, "report.text.analysis.risks", periodName, rows.size());
            }
            default -> t(c, "report.text.analysis.closing", sectorName);
        };
    }

    // ---------------------------------------------------------------- tables and charts

    /** City-level values of the indicators: this period, the year before, the target and the attainment. */
    private Content.Table indicatorTable(Ctx c, String id, String caption, List<Snapshot.Ind> inds, boolean codes) {
        Snapshot s = c.s;
        String p = s.period();
        String prev = s.previousYearPeriod();
        List<List<String>> rows = new ArrayList<>();
        for (Snapshot.Ind i : inds) {
            var v = s.value(i.code(), s.city().code(), p);
            var before = s.value(i.code(), s.city().code(), prev);
            rows.add(List.of(i.code(), i.name(s.lang()), unit(c, i), fmt(v.map(Snapshot.Val::value).orElse(null), i.decimals()),
                    fmt(before.map(Snapshot.Val::value).orElse(null), i.decimals()), target(c, v, i),
                    statusName(c, v.map(Snapshot.Val::status).orElse(null))));
        }
        return new Content.Table(id, caption, List.of(t(c, "report.col.code"), t(c, "report.col.indicator"),
                t(c, "report.col.unit"), periodName(c, p), periodName(c, prev), t(c, "report.col.target"),
                t(c, "report.col.status")), rows);
    }

    /** One indicator by area: the city first, then each district and the zone. */
    private Content.Table districtTable(Ctx c, Snapshot.Ind i) {
        Snapshot s = c.s;
        String p = s.period();
        String prev = s.previousYearPeriod();
        List<Snapshot.Place> places = new ArrayList<>();
        places.add(s.city());
        places.addAll(s.areas());
        List<List<String>> rows = new ArrayList<>();
        for (Snapshot.Place a : places) {
            var v = s.value(i.code(), a.code(), p);
            rows.add(List.of(a.name(s.lang()), fmt(v.map(Snapshot.Val::value).orElse(null), i.decimals()),
                    fmt(s.value(i.code(), a.code(), prev).map(Snapshot.Val::value).orElse(null), i.decimals()),
                    target(c, v, i), statusName(c, v.map(Snapshot.Val::status).orElse(null))));
        }
        return new Content.Table("districts:" + i.code(), t(c, "report.table.districts", i.code(), i.name(s.lang()),
                unit(c, i)), List.of(t(c, "report.col.area"), periodName(c, p), periodName(c, prev),
                t(c, "report.col.target"), t(c, "report.col.status")), rows);
    }

    private Content.Chart districtChart(Ctx c, Snapshot.Ind i) {
        Snapshot s = c.s;
        String p = s.period();
        String prev = s.previousYearPeriod();
        List<Snapshot.Place> places = new ArrayList<>();
        places.add(s.city());
        places.addAll(s.areas());
        return new Content.Chart("districts:" + i.code(), t(c, "report.chart.districts", i.name(s.lang()), unit(c, i)),
                places.stream().map(a -> a.name(s.lang())).toList(), List.of(periodName(c, p), periodName(c, prev)),
                List.of(places.stream().map(a -> dbl(s.value(i.code(), a.code(), p))).toList(),
                        places.stream().map(a -> dbl(s.value(i.code(), a.code(), prev))).toList()));
    }

    // ---------------------------------------------------------------- words and numbers

    private String sentences(Ctx c, List<Snapshot.Ind> inds, String p) {
        Snapshot s = c.s;
        StringBuilder sb = new StringBuilder();
        for (Snapshot.Ind i : inds) {
            var v = s.value(i.code(), s.city().code(), p);
            if (v.isEmpty() || v.get().value() == null) {
                continue;
            }
            var before = s.value(i.code(), s.city().code(), s.previousYearPeriod()).map(Snapshot.Val::value).orElse(null);
            if (!sb.isEmpty()) {
                sb.append(t(c, "report.sentence.separator"));
            }
            sb.append(t(c, "report.text.indicator", i.name(s.lang()), fmt(v.get().value(), i.decimals()), unit(c, i),
                    fmt(before, i.decimals()), target(c, v, i), statusName(c, v.get().status())));
        }
        return sb.toString();
    }

    private long count(Ctx c, List<Snapshot.Ind> inds, String status) {
        return inds.stream().filter(i -> status(c, i, c.s.city().code(), c.s.period()).map(status::equals).orElse(false))
                .count();
    }

    private static Optional<String> status(Ctx c, Snapshot.Ind i, String unit, String period) {
        return c.s.value(i.code(), unit, period).map(Snapshot.Val::status);
    }

    private String label(Ctx c, Snapshot.Ind i) {
        return i.code() + " " + i.name(c.s.lang());
    }

    private String unit(Ctx c, Snapshot.Ind i) {
        if (i.unitZh() != null && !"en".equals(c.s.lang())) {
            return i.unitZh();
        }
        return i.unit() == null ? "" : msg(c, "report.unit." + i.unit(), i.unit());
    }

    private String target(Ctx c, Optional<Snapshot.Val> v, Snapshot.Ind i) {
        if (v.isEmpty() || v.get().targetKind() == null) {
            return "—";
        }
        String figure = v.get().target() == null ? "" : fmt(v.get().target(), Math.max(0, v.get().target().stripTrailingZeros().scale()));
        return msg(c, "report.target." + v.get().targetKind(), figure, figure);
    }

    private String statusName(Ctx c, String status) {
        return status == null ? t(c, "report.status.NO_DATA") : msg(c, "report.status." + status, status);
    }

    String periodName(Ctx c, String period) {
        Period x = Period.parse(period);
        return switch (x.type()) {
            case YEAR -> t(c, "report.period.year", String.valueOf(x.year()));
            case HALF -> t(c, "report.period.half", String.valueOf(x.year()), x.index());
            case QUARTER -> t(c, "report.period.quarter", String.valueOf(x.year()), x.index());
            case MONTH -> t(c, "report.period.month", String.valueOf(x.year()), x.index());
        };
    }

    /** A value at the indicator's decimals ("—" when there is none). */
    static String fmt(BigDecimal v, int decimals) {
        return v == null ? "—" : v.setScale(Math.max(0, decimals), RoundingMode.HALF_UP).toPlainString();
    }

    private static String signed(BigDecimal v, int decimals) {
        String f = fmt(v, decimals);
        return v.signum() > 0 ? "+" + f : f;
    }

    private static Double dbl(Optional<Snapshot.Val> v) {
        return v.map(Snapshot.Val::value).map(BigDecimal::doubleValue).orElse(null);
    }

    private String t(Ctx c, String key, Object... args) {
        return messages.getMessage(key, args, c.locale);
    }

    private String msg(Ctx c, String key, Object... args) {
        return messages.getMessage(key, args, args.length > 0 ? String.valueOf(args[0]) : key, c.locale);
    }

    /** A snapshot with the locale its words are in. */
    record Ctx(Snapshot s, Locale locale) {
        String planTitle() {
            return "en".equals(s.lang()) && s.planTitleEn() != null ? s.planTitleEn() : s.planTitleZh();
        }
    }
}
