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
