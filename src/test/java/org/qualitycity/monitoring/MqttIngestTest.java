package org.qualitycity.monitoring;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.qualitycity.monitoring.internal.MqttIngest;
import org.qualitycity.support.Await;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded MQTT broker: devices connect with their own credential and publish for themselves only. */
@QcIntegrationTest
class MqttIngestTest {

    @LocalServerPort
    int port;
    @Autowired
    MqttIngest mqtt;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    javax.sql.DataSource dataSource;
    @Autowired
    org.qualitycity.monitoring.internal.IngestPipeline pipeline;

    static MqttMessage qos1(String time, double value) {
        MqttMessage m = new MqttMessage(("{\"points\":[{\"metric\":\"energy\",\"time\":\"" + time + "\",\"value\":"
                + value + "}]}").getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        return m;
    }

    /**
     * QoS 1: the embedded broker (Moquette) acknowledges a publication before its points reach the pipeline, so a
     * device's next publication is acknowledged only once the earlier ones are committed: when a publish completes,
     * every earlier publication of the device is stored (the newest one may still be on its way).
     */
    @Test
    void aQos1PublicationIsAcknowledgedOnlyAfterTheDevicesEarlierOnesAreStored() throws Exception {
        TestApi api = new TestApi(port);
        String code = "MQTT-" + UUID.randomUUID().toString().substring(0, 8);
        long device = TelemetryHttpTest.register(api, "ENERGY_METER", code, "mqtt-secret");
        MqttClient c = connect(code, "mqtt-secret");
        try (java.sql.Connection lock = dataSource.getConnection()) {
            // the device's writer is held up by a row lock on the device: its points cannot be committed yet
            lock.setAutoCommit(false);
            try (var ps = lock.prepareStatement("SELECT id FROM monitoring_device WHERE id = ? FOR UPDATE")) {
                ps.setLong(1, device);
                ps.executeQuery().close();
            }
            c.publish("qc/telemetry/" + code, qos1("2025-02-02T00:00:00Z", 1));
            Await.until("the first publication waits in the pipeline", pipeline::queued, n -> n >= 1);
            var second = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    c.publish("qc/telemetry/" + code, qos1("2025-02-02T00:01:00Z", 2));
                } catch (MqttException e) {
                    throw new IllegalStateException(e);
                }
            });
            Await.until("the second publication waits for its acknowledgement",
                    () -> mqtt.waitingPublications() > 0 || second.isDone(), w -> w);
            assertThat(second.isDone()).as("acknowledged before the first publication was stored").isFalse();
            assertThat(count(device)).isZero();
            lock.rollback();
            second.get(120, java.util.concurrent.TimeUnit.SECONDS);
            // acknowledged: the first publication is committed by now, no waiting
            assertThat(jdbc.sql("SELECT count(*) FROM monitoring_point WHERE device_id = :d AND value = 1")
                    .param("d", device).query(Long.class).single()).isEqualTo(1);
            c.publish("qc/telemetry/" + code, qos1("2025-02-02T00:02:00Z", 3));
            assertThat(count(device)).isGreaterThanOrEqualTo(2);
        } finally {
            c.disconnect();
            c.close();
        }
    }

    MqttClient connect(String user, String password) throws MqttException {
        MqttClient c = new MqttClient("tcp://localhost:" + mqtt.port(), "test-" + UUID.randomUUID(),
                new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName(user);
        o.setPassword(password.toCharArray());
        o.setConnectionTimeout(10);
        c.connect(o);
        return c;
    }

    long count(long device) {
        return jdbc.sql("SELECT count(*) FROM monitoring_point WHERE device_id = :d").param("d", device)
                .query(Long.class).single();
    }

    @Test
    void aDevicePublishesItsPointsWithItsOwnCredential() throws Exception {
        TestApi api = new TestApi(port);
        String code = "MQTT-" + UUID.randomUUID().toString().substring(0, 8);
        long device = TelemetryHttpTest.register(api, "ENERGY_METER", code, "mqtt-secret");
        assertThatThrownBy(() -> connect(code, "wrong-secret")).isInstanceOf(MqttException.class);
        MqttClient c = connect(code, "mqtt-secret");
        try {
            String payload = "{\"points\":[{\"metric\":\"energy\",\"time\":\"2025-02-01T00:00:00Z\",\"value\":12.5},"
                    + "{\"metric\":\"energy\",\"time\":\"2025-02-01T00:15:00Z\",\"value\":13}]}";
            MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
            m.setQos(1);
            c.publish("qc/telemetry/" + code, m);
            Await.until("the points are stored", () -> count(device), n -> n == 2);
        } finally {
            c.disconnect();
            c.close();
        }
    }
}
