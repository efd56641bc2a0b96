package org.qualitycity.environment;

import org.junit.jupiter.api.Test;
import org.qualitycity.environment.internal.Aqi;
import org.qualitycity.environment.internal.Aqi.Pollutant;
import org.qualitycity.environment.internal.WaterClass;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance 4 of issue 16: AQI (HJ 633-2012) and water class (GB 3838-2002) against worked examples computed by
 * hand from the standards' tables.
 */
class AqiAndWaterClassTest {

    /*
     * HJ 633-2012 Table 1 rows used (IAQI 0/50/100/150/200 …):
     *   SO2 24h   0 / 50 / 150 / 475 / 800   µg/m3
     *   NO2 24h   0 / 40 /  80 / 180 / 280   µg/m3
     *   PM10 24h  0 / 50 / 150 / 250 / 350   µg/m3
     *   CO 24h    0 /  2 /   4 /  14 /  24   mg/m3
     *   O3 8h     0 /100 / 160 / 215 / 265   µg/m3
     *   PM2.5 24h 0 / 35 /  75 / 115 / 150   µg/m3
     * formula (1): IAQI = (IAQI_Hi − IAQI_Lo)/(BP_Hi − BP_Lo) × (C − BP_Lo) + IAQI_Lo, rounded up.
     */
    @Test
    void aqiOfAPollutedDayByHand() {
        // SO2 20:   (50−0)/(50−0)×(20−0)+0           = 20
        // NO2 45:   (100−50)/(80−40)×(45−40)+50      = 56.25 → 57
        // PM10 120: (100−50)/(150−50)×(120−50)+50    = 85
        // CO 1.2:   (50−0)/(2−0)×(1.2−0)+0           = 30
        // O3-8h 170:(150−100)/(215−160)×(170−160)+100 = 109.09 → 110
        // PM2.5 80: (150−100)/(115−75)×(80−75)+100   = 106.25 → 107
        // AQI = max = 110 (level 3, light pollution), primary pollutant O3-8h; over the standard: O3-8h, PM2.5
        Aqi.Result r = Aqi.daily(Map.of(Pollutant.SO2, 20.0, Pollutant.NO2, 45.0, Pollutant.PM10, 120.0,
                Pollutant.CO, 1.2, Pollutant.O3_8H, 170.0, Pollutant.PM25, 80.0));
        assertThat(r.iaqi()).containsEntry(Pollutant.SO2, 20).containsEntry(Pollutant.NO2, 57)
                .containsEntry(Pollutant.PM10, 85).containsEntry(Pollutant.CO, 30)
                .containsEntry(Pollutant.O3_8H, 110).containsEntry(Pollutant.PM25, 107);
        assertThat(r.aqi()).isEqualTo(110);
        assertThat(r.level()).isEqualTo(3);
        assertThat(r.primary()).containsExactly(Pollutant.O3_8H);
        assertThat(r.overStandard()).containsExactlyInAnyOrder(Pollutant.O3_8H, Pollutant.PM25);
        assertThat(r.good()).isFalse();
    }

    @Test
    void aGoodDayAndAnExcellentDayWithoutPrimaryPollutant() {
        // PM2.5 60: (100−50)/(75−35)×(60−35)+50 = 81.25 → 82: good (良), primary PM2.5
        Aqi.Result good = Aqi.daily(Map.of(Pollutant.SO2, 8.0, Pollutant.NO2, 30.0, Pollutant.PM10, 70.0,
                Pollutant.CO, 0.8, Pollutant.O3_8H, 90.0, Pollutant.PM25, 60.0));
        // PM10 70: (100−50)/(150−50)×(70−50)+50 = 60; O3 90: 45; NO2 30: 37.5 → 38
        assertThat(good.aqi()).isEqualTo(82);
        assertThat(good.primary()).containsExactly(Pollutant.PM25);
        assertThat(good.good()).isTrue();
        // every IAQI ≤ 50: excellent (优), no primary pollutant (HJ 633-2012 §6.1)
        Aqi.Result excellent = Aqi.daily(Map.of(Pollutant.SO2, 5.0, Pollutant.NO2, 20.0, Pollutant.PM10, 40.0,
                Pollutant.CO, 0.5, Pollutant.O3_8H, 60.0, Pollutant.PM25, 20.0));
        assertThat(excellent.aqi()).isEqualTo(40); // PM10 40: 50/50×40 = 40
        assertThat(excellent.primary()).isEmpty();
        assertThat(Aqi.goodShare(java.util.List.of(good, excellent, Aqi.daily(Map.of(Pollutant.SO2, 20.0,
                Pollutant.NO2, 45.0, Pollutant.PM10, 120.0, Pollutant.CO, 1.2, Pollutant.O3_8H, 170.0,
                Pollutant.PM25, 80.0))))).isEqualTo(2 / 3.0);
    }

    @Test
    void breakpointsAndTheTopOfTheTable() {
        assertThat(Aqi.iaqi(Pollutant.PM25, 75)).isEqualTo(100); // exactly the breakpoint: no rounding up to 101
        assertThat(Aqi.iaqi(Pollutant.PM25, 75.1)).isEqualTo(101);
        assertThat(Aqi.iaqi(Pollutant.PM25, 600)).isEqualTo(500);
        assertThat(Aqi.iaqi(Pollutant.SO2, 2000)).isEqualTo(380); // (400−300)/(2100−1600)×400+300 = 380
        // a day lacking a pollutant is not a valid day
        assertThat(Aqi.daily(Map.of(Pollutant.SO2, 5.0))).isNull();
    }

    @Test
    void ozoneEightHourMaximumNeedsFourteenValidWindows() {
        double[] h = new double[24];
        Arrays.fill(h, 50);
        for (int i = 10; i < 18; i++) {
            h[i] = 150; // hours 10–17: the window ending at 17 averages 150
        }
        assertThat(Aqi.o3Max8h(h)).isEqualTo(150.0);
        double[] gaps = h.clone();
        Arrays.fill(gaps, 0, 24, Double.NaN);
        gaps[0] = 1;
        assertThat(Aqi.o3Max8h(gaps)).isNaN();
    }

    /*
     * GB 3838-2002 Table 1 rows used (classes I / II / III / IV / V):
     *   row 4 dissolved oxygen ≥   7.5 / 6   / 5   / 3   / 2
     *   row 5 permanganate index ≤ 2   / 4   / 6   / 10  / 15
     *   row 8 ammonia nitrogen ≤   0.15/ 0.5 / 1.0 / 1.5 / 2.0
     *   row 9 total phosphorus ≤   0.02/ 0.1 / 0.2 / 0.3 / 0.4 (rivers); lakes 0.01/0.025/0.05/0.1/0.2
     */
    @Test
    void waterClassTheWorstParameterDecides() {
        WaterClass gb = WaterClass.gb3838();
        // DO 5.5: not ≥ 6 (II) but ≥ 5 → III; CODMn 3.8 ≤ 4 → II; NH3-N 1.2: > 1.0, ≤ 1.5 → IV; TP 0.15 ≤ 0.2 → III
        WaterClass.Result r = gb.classify(Map.of("w01009", 5.5, "w01019", 3.8, "w21003", 1.2, "w21011", 0.15));
        assertThat(r.perParameter()).containsEntry("w01009", 3).containsEntry("w01019", 2)
                .containsEntry("w21003", 4).containsEntry("w21011", 3);
        assertThat(r.waterClass()).isEqualTo(4);
        assertThat(r.deciding()).containsExactly("w21003");
        assertThat(r.atLeastIII()).isFalse();
        // the same phosphorus in a lake: 0.15 > 0.1 (IV), ≤ 0.2 → V
        assertThat(gb.classOf("w21011@LAKE", 0.15)).isEqualTo(5);
        // NH3-N 2.5 > 2.0 (V): worse than class V
        assertThat(gb.classOf("w21003", 2.5)).isEqualTo(WaterClass.WORSE_THAN_V);
        // DO 7.5 and CODMn 2: class I; pH 7 inside 6–9
        assertThat(gb.classify(Map.of("w01009", 7.5, "w01019", 2.0, "w01001", 7.0)).waterClass()).isEqualTo(1);
        assertThat(gb.classOf("w01001", 9.5)).isEqualTo(WaterClass.WORSE_THAN_V);
        assertThat(gb.classify(Map.of("unknown", 1.0))).isNull();
        assertThat(Set.of(gb.classify(Map.of("w21003", 0.5)).waterClass())).containsExactly(2);
    }
}
