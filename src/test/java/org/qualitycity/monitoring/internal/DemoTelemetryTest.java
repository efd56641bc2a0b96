package org.qualitycity.monitoring.internal;

import org.junit.jupiter.api.Test;
import org.qualitycity.support.MutableClock;
import org.qualitycity.support.QcIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo devices look alive (the test application runs with demo data): the simulator fed them at start-up through
 * the pipeline, each is online, and the demo "no data" rules raise nothing.
 */
@QcIntegrationTest
class DemoTelemetryTest {

    @Autowired
    DemoTelemetry simulator;
    @Autowired
    AlarmEngine engine;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;

    /** The demo devices the simulator feeds: all but those a demo keeps silent (a meter that stopped reporting). */
    static final String FED = "demo AND coalesce(attributes ->> 'demoSilent', 'false') <> 'true'";

    long demoDevices() {
        return jdbc.sql("SELECT count(*) FROM monitoring_device WHERE " + FED).query(Long.class).single();
    }

    long demoDevicesOnline() {
        return jdbc.sql("""
                        SELECT count(*) FROM monitoring_device
                        WHERE %s AND last_received_at >= CAST(:now AS timestamptz) - interval '2 hours'""".formatted(FED))
                .param("now", Timestamp.from(clock.instant())).query(Long.class).single();
    }

    /** Raised up to now (tests that move the clock hours ahead may raise some "in the future"; those do not count). */
    long noDataAlarmsOfDemoDevicesRaisedBy(java.time.Instant now) {
        return jdbc.sql("""
                        SELECT count(*) FROM monitoring_alarm a JOIN monitoring_alarm_rule r ON r.id = a.rule_id
                        JOIN monitoring_device d ON d.id = a.device_id
                        WHERE d.%s AND r.kind = 'NO_DATA' AND a.raised_at <= :now""".formatted(FED.replace("attributes", "d.attributes")))
                .param("now", Timestamp.from(now)).query(Long.class).single();
    }

    @Test
    void theDemoDevicesReportAtStartAndEveryMinuteAndRaiseNoNoDataAlarm() {
        assertThat(demoDevices()).isGreaterThan(30);
        // the demo data's points were written before its devices were committed: only the start-up feed reached them
        assertThat(jdbc.sql("SELECT count(*) FROM monitoring_device WHERE " + FED + " AND last_received_at IS NULL")
                .query(Long.class).single()).as("demo devices never heard from").isZero();
        // one "no data" rule per profile: the demo's, and the energy meters' seeded for every installation (V20_560)
        assertThat(jdbc.sql("""
                SELECT count(DISTINCT profile) FROM monitoring_alarm_rule
                WHERE kind = 'NO_DATA' AND code = 'no-data' AND (demo OR profile = 'ENERGY_METER')""")
                .query(Long.class).single()).isEqualTo(5);
        clock.reset();
        // the minute's feed (the job runs it every minute; other tests may have moved the clock meanwhile)
        assertThat(simulator.feed()).isGreaterThan((int) demoDevices());
        assertThat(demoDevicesOnline()).isEqualTo(demoDevices());
        engine.sweepNoData();
        assertThat(noDataAlarmsOfDemoDevicesRaisedBy(clock.instant())).isZero();
        // a device the demo keeps silent is not fed
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM monitoring_device WHERE demo AND attributes ->> 'demoSilent' = 'true'
                        AND last_received_at >= CAST(:now AS timestamptz) - interval '2 hours'""")
                .param("now", Timestamp.from(clock.instant())).query(Long.class).single()).isZero();
    }
}
