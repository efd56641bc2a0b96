package org.qualitycity.monitoring;

import org.junit.jupiter.api.Test;
import org.qualitycity.monitoring.internal.Hj212Receiver;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance 3: an HJ 212 frame with a bad CRC is refused; a valid one stores its values; a value flagged for
 * maintenance triggers no threshold. Also: an unknown MN or a wrong PW stores nothing, and an upload whose Flag asks
 * for it gets the data response (CN 9014) once stored.
 */
@QcIntegrationTest
class Hj212ReceiverTest {

    @LocalServerPort
    int port;
    @Autowired
    Hj212Receiver receiver;
    @Autowired
    JdbcClient jdbc;

    static int crc16(byte[] data) {
        int crc = 0xFFFF;
        for (byte b : data) {
            crc = (crc >> 8) ^ (b & 0xFF);
            for (int j = 0; j < 8; j++) {
                int check = crc & 1;
                crc >>= 1;
                if (check == 1) {
                    crc ^= 0xA001;
                }
            }
        }
        return crc;
    }

    static String frame(String segment, boolean corruptCrc) {
        byte[] b = segment.getBytes(StandardCharsets.US_ASCII);
        int crc = crc16(b) ^ (corruptCrc ? 0x0101 : 0);
        return "##" + String.format(Locale.ROOT, "%04d", b.length) + segment
                + String.format(Locale.ROOT, "%04X", crc) + "\r\n";
    }

    static String upload(String qn, String mn, String pw, String time, String cp) {
        return "QN=" + qn + ";ST=22;CN=2011;PW=" + pw + ";MN=" + mn + ";Flag=5;CP=&&DataTime=" + time + ";" + cp + "&&";
    }

    long count(long device, String metric) {
        return jdbc.sql("SELECT count(*) FROM monitoring_point WHERE device_id = :d AND metric = :m")
                .param("d", device).param("m", metric).query(Long.class).single();
    }

    long alarms(long device) {
        return jdbc.sql("SELECT count(*) FROM monitoring_alarm WHERE device_id = :d").param("d", device)
                .query(Long.class).single();
    }

    @Test
    void badCrcUnknownMnAndWrongPwAreRefusedValidFramesStoreAndMaintenanceValuesTriggerNothing() throws Exception {
        TestApi api = new TestApi(port);
        String mn = "AQ" + UUID.randomUUID().toString().replace("-", "").substring(0, 20).toUpperCase(Locale.ROOT);
        String attribute = "pm25Limit" + UUID.randomUUID().toString().substring(0, 6);
        var reg = api.post("/api/v1/devices", Map.of("profile", "AIR_STATION", "code", mn, "name", "HJ 212 station",
                "unitCode", "421281", "credential", "123456", "attributes", Map.of(attribute, "500")), api.token("admin"));
        assertThat(reg.status()).as(reg.toString()).isEqualTo(201);
        long device = reg.json().get("id").asLong();
        Map<String, Object> rule = new HashMap<>(Map.of("profile", "AIR_STATION", "code", "pm25-" + attribute,
                "severity", "CRITICAL", "kind", "SIMPLE", "metric", "a34004", "operator", ">",
                "thresholdAttribute", attribute));
        assertThat(api.post("/api/v1/alarm-rules", rule, api.token("admin")).status()).isEqualTo(201);

        try (Socket s = new Socket("localhost", receiver.port())) {
            OutputStream out = s.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            // a bad CRC, an unknown MN and a wrong PW: refused, nothing stored, no answer
            out.write(frame(upload("20250101120000001", mn, "123456", "20250101120000",
                    "a34004-Rtd=35.2,a34004-Flag=N"), true).getBytes(StandardCharsets.US_ASCII));
            out.write(frame(upload("20250101120000002", "NOSUCHMN" + mn, "123456", "20250101120000",
                    "a34004-Rtd=36,a34004-Flag=N"), false).getBytes(StandardCharsets.US_ASCII));
            out.write(frame(upload("20250101120000003", mn, "654321", "20250101120000",
                    "a34004-Rtd=37,a34004-Flag=N"), false).getBytes(StandardCharsets.US_ASCII));
            // a valid upload, with a value flagged for maintenance far above the device's threshold
            out.write(frame(upload("20250101120100004", mn, "123456", "20250101120100",
                    "a34004-Rtd=900,a34004-Flag=M;a34002-Rtd=80.5,a34002-Flag=N"), false)
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // frames are handled in order on one connection: the first answer is the valid upload's data response
            String answer = in.readLine();
            assertThat(answer).startsWith("##").contains("CN=9014").contains("QN=20250101120100004")
                    .contains("MN=" + mn);
            String segment = answer.substring(6, answer.length() - 4);
            assertThat(String.format(Locale.ROOT, "%04X", crc16(segment.getBytes(StandardCharsets.US_ASCII))))
                    .isEqualTo(answer.substring(answer.length() - 4));
            assertThat(count(device, "a34004")).isEqualTo(1);
            assertThat(count(device, "a34002")).isEqualTo(1);
            assertThat(jdbc.sql("SELECT value FROM monitoring_point WHERE device_id = :d AND metric = 'a34004'")
                    .param("d", device).query(Double.class).single()).isEqualTo(900.0);
            assertThat(alarms(device)).as("a maintenance value triggers no threshold").isZero();
            assertThat(jdbc.sql("SELECT count(*) FROM monitoring_rollup_hour WHERE device_id = :d AND metric = 'a34004'")
                    .param("d", device).query(Long.class).single()).as("nor enters the roll-ups").isZero();

            // the same value flagged N raises the alarm
            out.write(frame(upload("20250101120200005", mn, "123456", "20250101120200",
                    "a34004-Rtd=900,a34004-Flag=N"), false).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(in.readLine()).contains("QN=20250101120200005");
            assertThat(count(device, "a34004")).isEqualTo(2);
            assertThat(alarms(device)).isEqualTo(1);
        }
    }
}
