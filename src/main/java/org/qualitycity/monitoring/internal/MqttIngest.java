package org.qualitycity.monitoring.internal;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;
import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptPublishMessage;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.qualitycity.monitoring.Device;
import org.qualitycity.monitoring.Point;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * MQTT ingestion. By default an embedded broker (Moquette) listens on {@code qc.monitoring.mqtt.port} (env
 * {@code QC_MQTT_PORT}, default 1883; 0 picks a free port; negative disables it): a device connects with its code as
 * user name and its credential as password and publishes to {@code qc/telemetry/<its code>} a JSON object
 * {@code {"points": [{"metric", "time", "value", "flag"}]}}; it may publish for itself only. With
 * {@code qc.monitoring.mqtt.url} set (EMQX, mosquitto …) the application is instead a client of that broker,
 * subscribed to {@code qc/telemetry/+} with QoS 1 (that broker authenticates the devices).
 *
 * <p>Back-pressure: a publication waits for room in the ingestion queue. On the embedded broker the wait happens in
 * its authorisation step, on the broker's session thread, so it stops reading from the devices' connections while
 * the queue is full; with an external broker the client's callback waits, so its QoS 1 acknowledgement follows the
 * commit and the broker holds the rest.
 */
@Component
public class MqttIngest implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(MqttIngest.class);
    static final String TOPIC_PREFIX = "qc/telemetry/";

    private final DeviceRegistry devices;
    private final IngestPipeline pipeline;
    private final ObjectMapper json;
    private final int port;
    private final String url;
    private final String username;
    private final String password;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();
    /** Per device (user name): its authorised publications not yet finished, oldest first. */
    private final java.util.Map<String, java.util.Deque<CompletableFuture<Void>>> inflight =
            new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Server broker;
    private volatile int boundPort = -1;
    private volatile MqttClient client;
    private volatile boolean running;

    /** The broker keeps its identity file under the data directory, not in the working directory. */
    private final String dataDir;

    MqttIngest(DeviceRegistry devices, IngestPipeline pipeline, ObjectMapper json,
               @Value("${qc.monitoring.mqtt.port:1883}") int port,
               @Value("${qc.monitoring.mqtt.url:}") String url,
               @Value("${qc.monitoring.mqtt.username:}") String username,
               @Value("${qc.monitoring.mqtt.password:}") String password,
               @Value("${qc.data-dir}") String dataDir) {
        this.dataDir = dataDir;
        this.devices = devices;
        this.pipeline = pipeline;
        this.json = json;
        this.port = port;
        this.url = url;
        this.username = username;
        this.password = password;
    }

    /** The embedded broker's port, or -1. */
    public int port() {
        return broker == null ? -1 : boundPort;
    }

    public long storedCount() {
        return stored.get();
    }

    public long rejectedCount() {
        return rejected.get();
    }

    @Override
    public void start() {
        running = true;
        if (url != null && !url.isBlank()) {
            startClient();
        } else if (port >= 0) {
            startBroker();
        } else {
            LOG.info("MQTT ingestion disabled (qc.monitoring.mqtt.port < 0, no qc.monitoring.mqtt.url)");
        }
    }

    private void startBroker() {
        Properties p = new Properties();
        p.setProperty("host", "0.0.0.0");
        p.setProperty("port", Integer.toString(port));
        p.setProperty("websocket_port", "disabled");
        p.setProperty("persistence_enabled", "false");
        java.nio.file.Path mqttDir = java.nio.file.Path.of(dataDir, "mqtt").toAbsolutePath();
        try {
            java.nio.file.Files.createDirectories(mqttDir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        p.setProperty("data_path", mqttDir.toString());
        p.setProperty("allow_anonymous", "false");
        p.setProperty("netty.mqtt.message_size", Integer.toString(1024 * 1024));
        p.setProperty("intercept.thread_pool.size", "2");
        Server s = new Server();
        IAuthenticator auth = (clientId, user, pass) ->
                user != null && pass != null && devices.authenticate(user, new String(pass, StandardCharsets.UTF_8))
                        .isPresent();
        IAuthorizatorPolicy policy = new IAuthorizatorPolicy() {
            @Override
            public boolean canWrite(Topic topic, String user, String clientId) {
                if (user == null || !topic.toString().equals(TOPIC_PREFIX + user)) {
                    rejected.incrementAndGet();
                    return false;
                }
                awaitRoom();
                awaitEarlierPublications(user);
                return true;
            }

            @Override
            public boolean canRead(Topic topic, String user, String clientId) {
                return false;
            }
        };
        try {
            s.startServer(new MemoryConfig(p), List.of(new Interceptor()), null, auth, policy);
        } catch (Exception e) {
            throw new IllegalStateException("MQTT broker cannot listen on port " + port, e);
        }
        boundPort = port > 0 ? port : boundPort(s);
        broker = s;
        LOG.info("MQTT broker listening on port {} (topic {}<device code>)", boundPort, TOPIC_PREFIX);
    }

    /**
     * The port an ephemeral-port broker (port 0, the tests) was bound to. Moquette records it in a plain HashMap from
     * Netty's thread when the bind completes, and its getPort() writes that map too (computeIfAbsent): read before
     * the bind is recorded, it answers 0 or fails with ConcurrentModificationException (seen on a test context's
     * restart). So: read until a port is there, for at most 10 s.
     */
    private static int boundPort(Server s) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                int p = s.getPort();
                if (p > 0) {
                    return p;
                }
            } catch (java.util.ConcurrentModificationException e) {
                // the bind is being recorded right now: read again
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("MQTT broker: no bound port after 10 s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /**
     * Moquette (0.17) sends a QoS 1 PUBACK right after authorising and routing a publication and only then hands it
     * to the interceptor (on its own thread pool), so the acknowledgement cannot wait for the commit of that
     * publication. What can wait is the next one: a device's publication is authorised (hence acknowledged) only
     * after all its earlier publications are committed (at most a minute). The acknowledged but not yet stored
     * publications of a device are thus at most its newest one.
     */
    private void awaitEarlierPublications(String user) {
        java.util.Deque<CompletableFuture<Void>> q = inflight.computeIfAbsent(user,
                k -> new java.util.concurrent.ConcurrentLinkedDeque<>());
        List<CompletableFuture<Void>> earlier = List.copyOf(q);
        q.add(new CompletableFuture<>());
        if (earlier.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        waiting.incrementAndGet();
        try {
            for (CompletableFuture<Void> f : earlier) {
                f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("MQTT publication of {} acknowledged before the earlier ones were stored: {}", user, e.toString());
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** Publications whose acknowledgement waits for the device's earlier publications now. */
    public int waitingPublications() {
        return waiting.get();
    }

    /** One more of the device's authorised publications is finished (stored, refused or failed). */
    private void publicationDone(String user) {
        java.util.Deque<CompletableFuture<Void>> q = inflight.get(user);
        CompletableFuture<Void> f = q == null ? null : q.poll();
        if (f != null) {
            f.complete(null);
        }
    }

    /** Holds the broker's session thread while the ingestion queue is full (at most a minute). */
    private void awaitRoom() {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (running && pipeline.queued() >= pipeline.capacity() * 9L / 10 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void startClient() {
        try {
            MqttClient c = new MqttClient(url, "qualitycity-" + UUID.randomUUID(), new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setAutomaticReconnect(true);
            o.setCleanSession(false);
            if (username != null && !username.isBlank()) {
                o.setUserName(username);
                o.setPassword(password.toCharArray());
            }
            c.connect(o);
            c.subscribe(TOPIC_PREFIX + "+", 1, (topic, message) -> {
                String code = topic.substring(TOPIC_PREFIX.length());
                devices.byCode(code).ifPresentOrElse(d -> ingest(d, message.getPayload()),
                        rejected::incrementAndGet);
            });
            client = c;
            LOG.info("MQTT client of {} subscribed to {}+", url, TOPIC_PREFIX);
        } catch (Exception e) {
            throw new IllegalStateException("MQTT broker " + url + " not reachable", e);
        }
    }

    private final class Interceptor extends AbstractInterceptHandler {
        @Override
        public String getID() {
            return "qualitycity-telemetry";
        }

        @Override
        public void onPublish(InterceptPublishMessage msg) {
            String user = msg.getUsername();
            if (user == null || !msg.getTopicName().equals(TOPIC_PREFIX + user)) {
                return;
            }
            try {
                byte[] payload = new byte[msg.getPayload().readableBytes()];
                msg.getPayload().getBytes(msg.getPayload().readerIndex(), payload);
                devices.byCode(user).ifPresent(d -> ingest(d, payload));
            } finally {
                publicationDone(user);
            }
        }

        @Override
        public void onSessionLoopError(Throwable error) {
            LOG.warn("MQTT session loop error: {}", error.toString());
        }
    }

    /** Parses a publication and stores it, waiting for room and for the commit. */
    void ingest(Device device, byte[] payload) {
        Optional<List<Point>> parsed = PointsJson.parse(json, device.id(), payload);
        if (parsed.isEmpty()) {
            rejected.incrementAndGet();
            LOG.debug("MQTT publication of {} refused", device.code());
            return;
        }
        List<Point> points = parsed.get();
        try {
            pipeline.put(points).get(60, TimeUnit.SECONDS);
            stored.addAndGet(points.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("MQTT publication of {} not stored: {}", device.code(), e.toString());
        }
    }

    @Override
    public void stop() {
        running = false;
        MqttClient c = client;
        if (c != null) {
            try {
                c.disconnect();
                c.close();
            } catch (Exception ignored) {
                // closing
            }
        }
        Server s = broker;
        if (s != null) {
            s.stopServer();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
