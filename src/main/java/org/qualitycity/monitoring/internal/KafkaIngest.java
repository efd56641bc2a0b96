package org.qualitycity.monitoring.internal;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.qualitycity.monitoring.Device;
import org.qualitycity.monitoring.Point;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Kafka ingestion (off unless {@code qc.monitoring.kafka.bootstrap-servers} is set): a consumer in the group
 * {@code qc.monitoring.kafka.group-id} reads the topic {@code qc.monitoring.kafka.topic}, whose records are keyed by
 * the device code (so the producer's partitioner puts all of a device's records into one partition) and carry the
 * MQTT body {@code {"points": [...]}}. Each poll's points go through the one {@link IngestPipeline}; the offsets are
 * committed (synchronously) only after every point of the poll is committed to PostgreSQL, so a node that dies
 * between the two leaves the records to the partition's next owner, which stores them again idempotently — no loss,
 * no double count. The group gives every partition, hence every device, to one node at a time; when the assignment
 * changes, the alarm rules' in-memory state is dropped and loaded again from {@code monitoring_rule_state}, the
 * state the previous owner persisted. A record with an unknown device or an invalid body is counted as rejected and
 * skipped (logged), so that one bad record cannot stop the partition.
 */
@Component
class KafkaIngest implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaIngest.class);

    private final DeviceRegistry devices;
    private final IngestPipeline pipeline;
    private final AlarmEngine alarms;
    private final ObjectMapper json;
    private final String bootstrapServers;
    private final String topic;
    private final String groupId;
    private volatile Node node;

    KafkaIngest(DeviceRegistry devices, IngestPipeline pipeline, AlarmEngine alarms, ObjectMapper json,
                @Value("${qc.monitoring.kafka.bootstrap-servers:}") String bootstrapServers,
                @Value("${qc.monitoring.kafka.topic:qc-telemetry}") String topic,
                @Value("${qc.monitoring.kafka.group-id:qualitycity-telemetry}") String groupId) {
        this.devices = devices;
        this.pipeline = pipeline;
        this.alarms = alarms;
        this.json = json;
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.groupId = groupId;
    }

    @Override
    public void start() {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            LOG.info("Kafka ingestion off (qc.monitoring.kafka.bootstrap-servers not set)");
            return;
        }
        node = consumer(bootstrapServers, topic, groupId);
        node.start();
        LOG.info("Kafka ingestion: group {} consumes topic {} at {}", groupId, topic, bootstrapServers);
    }

    /** A consumer of the group on its own thread (not started). The application runs one; tests run several. */
    Node consumer(String servers, String topicName, String group) {
        return new Node(servers, topicName, group);
    }

    @Override
    public void stop() {
        Node n = node;
        if (n != null) {
            n.stop();
        }
        node = null;
    }

    @Override
    public boolean isRunning() {
        return node != null;
    }

    @Override
    public int getPhase() {
        // stops before the pipeline (like the other receivers)
        return Integer.MAX_VALUE - 1000;
    }

    /** One member of the consumer group. */
    final class Node implements Runnable, ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> consumer;
        private final String topicName;
        private final Thread thread;
        private final AtomicLong stored = new AtomicLong();
        private final AtomicLong rejected = new AtomicLong();
        private final AtomicLong polled = new AtomicLong();
        private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
        private final Set<Long> devicesSeen = ConcurrentHashMap.newKeySet();
        private volatile boolean running;

        Node(String servers, String topicName, String group) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
            p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
            p.put(ConsumerConfig.CLIENT_ID_CONFIG, "qualitycity-" + UUID.randomUUID().toString().substring(0, 8));
            // offsets are committed by hand, after the points are stored
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
            this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
            this.topicName = topicName;
            this.thread = new Thread(this, "telemetry-kafka-" + p.get(ConsumerConfig.CLIENT_ID_CONFIG));
            this.thread.setDaemon(true);
        }

        void start() {
            running = true;
            thread.start();
        }

        void stop() {
            running = false;
            consumer.wakeup();
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        long storedCount() {
            return stored.get();
        }

        long rejectedCount() {
            return rejected.get();
        }

        /** Records polled so far (stored or not yet). */
        long polledCount() {
            return polled.get();
        }

        Set<TopicPartition> assignment() {
            return Set.copyOf(assigned);
        }

        /** The devices whose points this member has stored. */
        Set<Long> devices() {
            return Set.copyOf(devicesSeen);
        }

        @Override
        public void run() {
            try {
                consumer.subscribe(List.of(topicName), this);
                while (running) {
                    ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                    if (!records.isEmpty()) {
                        handle(records);
                    }
                }
            } catch (WakeupException e) {
                // stopping
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.error("Kafka ingestion stopped", e);
            } finally {
                consumer.close();
            }
        }

        private void handle(ConsumerRecords<String, byte[]> records) throws InterruptedException {
            polled.addAndGet(records.count());
            List<CompletableFuture<Integer>> pending = new ArrayList<>();
            Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
            Map<TopicPartition, Long> first = new HashMap<>();
            List<Long> seen = new ArrayList<>();
            int points = 0;
            for (ConsumerRecord<String, byte[]> r : records) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                first.putIfAbsent(tp, r.offset());
                next.put(tp, new OffsetAndMetadata(r.offset() + 1));
                Optional<Device> device = r.key() == null ? Optional.empty() : devices.byCode(r.key());
                Optional<List<Point>> parsed = device.flatMap(d -> r.value() == null ? Optional.empty()
                        : PointsJson.parse(json, d.id(), r.value()));
                if (parsed.isEmpty()) {
                    rejected.incrementAndGet();
                    LOG.warn("Kafka record {}@{} of device {} refused (unknown device or invalid body)", tp,
                            r.offset(), r.key());
                    continue;
                }
                seen.add(device.get().id());
                points += parsed.get().size();
                pending.add(pipeline.put(parsed.get()));
            }
            try {
                CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
            } catch (RuntimeException e) {
                // not stored: nothing is committed, the same records are read again
                LOG.warn("Kafka records not stored, retried: {}", e.toString());
                first.forEach(consumer::seek);
                Thread.sleep(1000);
                return;
            }
            stored.addAndGet(points);
            devicesSeen.addAll(seen);
            consumer.commitSync(next);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // every poll is stored and committed before the next one: nothing is in flight here
            assigned.removeAll(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assigned.addAll(partitions);
            if (!partitions.isEmpty()) {
                // devices may have moved here from another node: read their rule state from the database again
                alarms.forgetState();
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            assigned.removeAll(partitions);
        }
    }
}
