package org.qualitycity.monitoring.internal;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qualitycity.monitoring.Device;
import org.qualitycity.monitoring.DeviceProfile;
import org.qualitycity.platform.Units;
import org.qualitycity.support.Await;
import org.qualitycity.support.QcIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka ingestion against an in-process KRaft broker: two members of one consumer group (two "nodes") share a topic
 * partitioned by device, every device is handled by one member only, every point is stored once, and a member
 * commits its offsets only after the points are stored. The application's own consumer is off (no
 * bootstrap servers configured), so the members are made here from the application's {@link KafkaIngest}.
 */
@QcIntegrationTest
class KafkaIngestTest {

    static EmbeddedKafkaKraftBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 4);
        // one broker for the class, made quick to serve a consumer group: the offsets topic with one partition (not
        // 50 to create before the first group can commit), no initial rebalance delay
        broker.brokerProperty("offsets.topic.num.partitions", "1");
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        broker.brokerProperty("transaction.state.log.num.partitions", "1");
        broker.afterPropertiesSet();
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    @Autowired
    KafkaIngest kafka;
    @Autowired
    DeviceRegistry devices;
    @Autowired
    Units units;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    IngestPipeline pipeline;

    KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    static String body(Instant t, int n) {
        StringBuilder b = new StringBuilder("{\"points\":[");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append("{\"metric\":\"energy\",\"time\":\"").append(t.plusSeconds(60L * i))
                    .append("\",\"value\":").append(i).append('}');
        }
        return b.append("]}").toString();
    }

    long stored(long device) {
        return jdbc.sql("SELECT count(*) FROM monitoring_point WHERE device_id = :d").param("d", device)
                .query(Long.class).single();
    }

    long committed(String topic, String group) {
        Map<TopicPartition, OffsetAndMetadata> offsets = broker.doWithAdminFunction(a -> {
            try {
                return a.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    @Test
    void offByDefault() {
        assertThat(kafka.isRunning()).isFalse();
    }

    @Test
    void twoNodesShareTheTopicByDeviceAndStoreEveryPointOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String topic = "telemetry-" + run;
        String group = "group-" + run;
        broker.addTopics(new NewTopic(topic, 4, (short) 1));
        List<Device> ds = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ds.add(devices.register(DeviceProfile.ENERGY_METER, "K" + run + "-" + i, "kafka", units.city().id(),
                    "secret", Map.of(), false));
        }
        KafkaIngest.Node a = kafka.consumer(broker.getBrokersAsString(), topic, group);
        KafkaIngest.Node b = kafka.consumer(broker.getBrokersAsString(), topic, group);
        a.start();
        b.start();
        try {
            // both members have their share of the four partitions before anything is sent
            Await.until("partitions assigned to both nodes", () -> List.of(a.assignment().size(), b.assignment().size()),
                    s -> s.get(0) > 0 && s.get(1) > 0 && s.get(0) + s.get(1) == 4);
            Instant t = Instant.parse("2025-04-01T00:00:00Z");
            try (KafkaProducer<String, String> p = producer()) {
                for (int round = 0; round < 3; round++) {
                    for (Device d : ds) {
                        p.send(new ProducerRecord<>(topic, d.code(), body(t.plusSeconds(3600L * round), 10)));
                    }
                }
                // a repeated record is stored once (idempotent by device, metric and time)
                p.send(new ProducerRecord<>(topic, ds.get(0).code(), body(t, 10)));
                // an unknown device is refused, the partition goes on
                p.send(new ProducerRecord<>(topic, "no-such-device-" + run, body(t, 1)));
                p.flush();
            }
            Await.until("all records committed", () -> committed(topic, group), n -> n == 26);
            for (Device d : ds) {
                assertThat(stored(d.id())).as(d.code()).isEqualTo(30);
            }
            Set<Long> onA = a.devices();
            Set<Long> onB = b.devices();
            Set<Long> both = new HashSet<>(onA);
            both.retainAll(onB);
            assertThat(both).as("a device's points are handled by one node").isEmpty();
            assertThat(onA.size() + onB.size()).isEqualTo(8);
            assertThat(a.rejectedCount() + b.rejectedCount()).isEqualTo(1);
        } finally {
            a.stop();
            b.stop();
        }
    }

    @Test
    void offsetsAreCommittedOnlyAfterThePointsAreStored() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String topic = "telemetry-" + run;
        String group = "group-" + run;
        broker.addTopics(new NewTopic(topic, 1, (short) 1));
        Device d = devices.register(DeviceProfile.ENERGY_METER, "KC" + run, "kafka", units.city().id(), "secret",
                Map.of(), false);
        KafkaIngest.Node node = kafka.consumer(broker.getBrokersAsString(), topic, group);
        node.start();
        try (Connection c = dataSource.getConnection(); KafkaProducer<String, String> p = producer()) {
            // the device's writer is held up by a row lock on the device: the points cannot be committed yet
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM monitoring_device WHERE id = ? FOR UPDATE")) {
                ps.setLong(1, d.id());
                ps.executeQuery().close();
            }
            p.send(new ProducerRecord<>(topic, d.code(), body(Instant.parse("2025-05-01T00:00:00Z"), 5))).get();
            // the points wait in the pipeline (a consumer that committed on receipt would have done so by now)
            Await.until("the points are queued", pipeline::queued, n -> n >= 5);
            assertThat(node.polledCount()).isEqualTo(1);
            assertThat(stored(d.id())).isZero();
            assertThat(committed(topic, group)).as("nothing committed before the points are stored").isZero();
            c.rollback();
            Await.until("the offset is committed", () -> committed(topic, group), n -> n == 1);
            assertThat(stored(d.id())).isEqualTo(5);
        } finally {
            node.stop();
        }
    }
}
