package org.qualitycity.traceability.internal;

import org.qualitycity.enterprise.EnterpriseRef;
import org.qualitycity.enterprise.Enterprises;
import org.qualitycity.platform.DemoDataContributor;
import org.qualitycity.traceability.DigitalLink;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Demo traceability (labelled demo like every generated record): farms and cooperatives, a processor, wholesalers and
 * supermarkets taken from the demo register (through enterprise's public API); products with and without GTINs; batches with certificates and EPCIS
 * events from commissioning to retail; one mixed lot, one split lot, one recall, one origin-release warning.
 */
@Component
class TraceabilityDemoData implements DemoDataContributor {

    private final JdbcClient jdbc;
    private final Enterprises enterprises;
    private final BatchService batches;
    private final EpcisService epcis;
    private final ObjectMapper json;
    private final Clock clock;

    TraceabilityDemoData(JdbcClient jdbc, Enterprises enterprises, BatchService batches, EpcisService epcis,
                         ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.enterprises = enterprises;
        this.batches = batches;
        this.epcis = epcis;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 280;
    }

    @Override
    public void generate(Random random) {
        long t0 = System.nanoTime();
        // roles by industry (GB/T 4754), from the demo register (enterprise's public API, one query each): farms and
        // cooperatives (A), a processor and wholesalers (food, C13–C15), and the register's supermarkets and market
        // (retail, F52), so that the origin-release warning names a market that received a farm batch, not a factory
        List<EnterpriseRef> farms = enterprises.active(List.of("A"), true, 3);
        List<EnterpriseRef> food = enterprises.active(List.of("C13", "C14", "C15"), true, 3);
        List<EnterpriseRef> markets = enterprises.active(List.of("F52"), true, 3);
        if (farms.size() < 3 || food.size() < 3 || markets.size() < 3) {
            return;
        }
        List<EnterpriseRef> e = new ArrayList<>(farms);
        e.addAll(food);
        e.addAll(markets);
        EnterpriseRef farm1 = e.get(0), farm2 = e.get(1), coop = e.get(2), processor = e.get(3), wholesaler1 = e.get(4),
                wholesaler2 = e.get(5), shop1 = e.get(6), shop2 = e.get(7), shop3 = e.get(8);
        LocalDate today = LocalDate.now(clock);
        String year = String.valueOf(today.getYear() % 100);
        String gtinCorn = gtin("692000170001");
        String gtinTea = gtin("692000170002");
        var bamboo = batch(farm1, "通山楠竹笋(演示)", null, "ZS" + year + "-01", "ORIGIN", List.of(), "湖北省咸宁市通山县", today.minusDays(12));
        var corn = batch(farm2, "嘉鱼甜玉米(演示)", gtinCorn, "JY" + year + "-07", "ORIGIN", List.of(), "湖北省咸宁市嘉鱼县", today.minusDays(10));
        var tea = batch(coop, "赤壁青砖茶原料(演示)", gtinTea, "CB" + year + "-03", "ORIGIN", List.of(), "湖北省咸宁市赤壁市", today.minusDays(9));
        var cabbage = batch(coop, "崇阳高山白菜(演示)", null, "CY" + year + "-11", "ORIGIN", List.of(), "湖北省咸宁市崇阳县", today.minusDays(6));
        cert(bamboo, "0715-5123401", "SELF_TEST", "农残速测 抑制率 11%,合格(演示)");
        cert(corn, "0715-6123402", "QUALITY_CONTROL", null);
        cert(tea, "0715-5123403", "COMMISSIONED_TEST", "委托检测报告 WT-演示-003");
        var sliced = batch(processor, "袋装笋片(演示)", null, "JG" + year + "-21", "PROCESSED", List.of(), "湖北省咸宁市咸安区", today.minusDays(8));
        var mixed = batch(wholesaler1, "青砖茶拼配(演示)", null, "PF" + year + "-05", "MIXED", List.of(tea.code(), corn.code()), "湖北省咸宁市咸安区", today.minusDays(5));
        cert(mixed, "0715-8123405", "INTERNAL_CONTROL", null);
        var splitA = batch(wholesaler2, "嘉鱼甜玉米分装 A(演示)", null, "FZ" + year + "-1A", "SPLIT", List.of(corn.code()), "湖北省咸宁市嘉鱼县", today.minusDays(4));
        var splitB = batch(wholesaler2, "嘉鱼甜玉米分装 B(演示)", null, "FZ" + year + "-1B", "SPLIT", List.of(corn.code()), "湖北省咸宁市嘉鱼县", today.minusDays(4));
        cert(splitA, "0715-8123406", "QUALITY_CONTROL", null);

        List<JsonNode> events = new ArrayList<>();
        for (var b : List.of(bamboo, corn, tea, cabbage)) {
            events.add(object("ADD", "commissioning", "active", b, owner(b), null, b.producedOn()));
        }
        events.add(object("OBSERVE", "shipping", "in_transit", bamboo, loc(farm1), loc(processor), bamboo.producedOn().plusDays(1)));
        events.add(object("OBSERVE", "receiving", "active", bamboo, loc(processor), null, bamboo.producedOn().plusDays(2)));
        events.add(transform(bamboo, List.of(sliced), loc(processor), sliced.producedOn()));
        events.add(object("OBSERVE", "shipping", "in_transit", sliced, loc(processor), loc(shop1), sliced.producedOn().plusDays(1)));
        events.add(object("OBSERVE", "receiving", "active", sliced, loc(shop1), null, sliced.producedOn().plusDays(2)));
        events.add(object("OBSERVE", "retail_selling", "retail_sold", sliced, loc(shop1), null, sliced.producedOn().plusDays(3)));
        events.add(object("OBSERVE", "shipping", "in_transit", tea, loc(coop), loc(wholesaler1), tea.producedOn().plusDays(1)));
        events.add(object("OBSERVE", "shipping", "in_transit", corn, loc(farm2), loc(wholesaler1), corn.producedOn().plusDays(1)));
        events.add(object("OBSERVE", "receiving", "active", corn, loc(wholesaler1), null, corn.producedOn().plusDays(2)));
        events.add(transform(tea, List.of(mixed), loc(wholesaler1), mixed.producedOn()));
        events.add(object("OBSERVE", "shipping", "in_transit", mixed, loc(wholesaler1), loc(shop2), mixed.producedOn().plusDays(1)));
        events.add(object("OBSERVE", "receiving", "active", mixed, loc(shop2), null, mixed.producedOn().plusDays(2)));
        events.add(object("OBSERVE", "inspecting", "conformant", corn, loc(farm2), null, corn.producedOn()));
        events.add(transform(corn, List.of(splitA, splitB), loc(wholesaler2), splitA.producedOn()));
        events.add(object("OBSERVE", "shipping", "in_transit", splitA, loc(wholesaler2), loc(shop3), splitA.producedOn().plusDays(1)));
        events.add(object("OBSERVE", "receiving", "active", splitA, loc(shop3), null, splitA.producedOn().plusDays(1)));
        events.add(object("OBSERVE", "shipping", "in_transit", splitB, loc(wholesaler2), loc(shop2), splitB.producedOn().plusDays(1)));
        events.add(object("OBSERVE", "receiving", "active", splitB, loc(shop2), null, splitB.producedOn().plusDays(1)));
        // a farm batch reaches a market with neither a certificate nor a passed test: origin-release warning
        events.add(object("OBSERVE", "shipping", "in_transit", cabbage, loc(coop), loc(shop3), cabbage.producedOn().plusDays(1)));
        events.add(object("OBSERVE", "receiving", "active", cabbage, loc(shop3), null, cabbage.producedOn().plusDays(1)));
        epcis.store(events, null, new EpcisService.Owner(null, processor.unitId()), null, true);

        // one recall: the bamboo shoots (sulphur dioxide), with the sliced lot downstream
        String reason = "二氧化硫残留超标(演示)";
        jdbc.sql("UPDATE traceability_batch SET status = 'RECALLED', recalled_at = now(), recall_reason = :r, recalled_from = :root "
                + "WHERE id IN (:ids)").param("r", reason).param("root", bamboo.id())
                .param("ids", List.of(bamboo.id(), sliced.id())).update();
        ObjectNode held = object("OBSERVE", "holding", "recalled", bamboo, loc(shop1), null, today.minusDays(1));
        held.withArray("quantityList").addObject().put("epcClass", sliced.epcClass());
        epcis.store(List.of(held), null, new EpcisService.Owner(null, processor.unitId()), null, true);
        org.slf4j.LoggerFactory.getLogger(TraceabilityDemoData.class).info("Traceability demo data in {} ms",
                (System.nanoTime() - t0) / 1_000_000);
    }

    private static String gtin(String twelve) {
        String thirteen = twelve;
        return thirteen + DigitalLink.checkDigit(thirteen);
    }

    private static String loc(EnterpriseRef e) {
        return Epcis.location(e.creditCode());
    }

    private String owner(BatchService.BatchView b) {
        return Epcis.location(b.creditCode());
    }

    private BatchService.BatchView batch(EnterpriseRef ent, String product, String gtin, String lot, String kind,
                                         List<String> inputs, String origin, LocalDate on) {
        return batches.create(new BatchService.NewBatch(ent.creditCode(), product, gtin, lot,
                BigDecimal.valueOf(200 + (lot.hashCode() & 0x3ff)), "KGM", on, origin, kind, inputs, null, null), ent, null, true);
    }

    private void cert(BatchService.BatchView b, String contact, String basis, String record) {
        batches.issue(new BatchService.NewCertificate(b.code(), null, null, null, contact, b.producedOn(), basis, record),
                b, null, true);
    }

    private ObjectNode object(String action, String step, String disposition, BatchService.BatchView b, String at,
                              String to, LocalDate on) {
        ObjectNode ev = json.createObjectNode();
        ev.put("type", "ObjectEvent");
        ev.put("action", action);
        OffsetDateTime time = on.atTime(9 + (step.length() % 8), 30).atOffset(ZoneOffset.ofHours(8));
        ev.put("eventTime", time.toString());
        ev.put("eventTimeZoneOffset", "+08:00");
        ev.withArray("quantityList").addObject().put("epcClass", b.epcClass()).put("quantity", b.quantity()).put("uom", "KGM");
        ev.put("bizStep", step);
        ev.put("disposition", disposition);
        ev.putObject("bizLocation").put("id", at);
        if (to != null) {
            ev.withArray("destinationList").addObject().put("type", "location").put("destination", to);
        }
        if (step.equals("commissioning")) {
            ev.putObject("ilmd").put("cbvmda:lotNumber", b.lot());
        }
        return ev;
    }

    private ObjectNode transform(BatchService.BatchView input, List<BatchService.BatchView> outputs, String at,
                                 LocalDate on) {
        ObjectNode ev = json.createObjectNode();
        ev.put("type", "TransformationEvent");
        ev.put("eventTime", on.atTime(8, 0).atOffset(ZoneOffset.ofHours(8)).toString());
        ev.put("eventTimeZoneOffset", "+08:00");
        ev.withArray("inputQuantityList").addObject().put("epcClass", input.epcClass()).put("quantity", input.quantity());
        for (var o : outputs) {
            ev.withArray("outputQuantityList").addObject().put("epcClass", o.epcClass()).put("quantity", o.quantity());
        }
        ev.put("bizStep", "repackaging");
        ev.put("disposition", "active");
        ev.putObject("bizLocation").put("id", at);
        return ev;
    }
}
