package org.qualitycity.monitoring.internal;

import org.qualitycity.monitoring.Device;
import org.qualitycity.monitoring.Point;
import org.qualitycity.platform.ApplicationZone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HJ 212-2017 receiver for environmental stations over TCP ({@code qc.monitoring.hj212.port}, env
 * {@code QC_HJ212_PORT}, default 8212; 0 picks a free port; negative disables it). A station authenticates each
 * frame with its MN (the device code) and PW (its credential). A frame with a bad CRC, an unknown MN or a wrong PW
 * is refused and stores nothing. Data uploads (CN 2011, 2051, 2061, 2031) go through the ingestion queue; the
 * connection's thread waits for room and for the commit, so a full queue stops the reading of the socket and TCP
 * flow control slows the station down. When the upload's Flag asks for it, the data response (CN 9014) follows the
 * commit.
 */
@Component
public class Hj212Receiver implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(Hj212Receiver.class);
    private static final int MAX_SEGMENT = 9999;

    private final DeviceRegistry devices;
    private final IngestPipeline pipeline;
    private final int configuredPort;
    private final Semaphore connections;
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private volatile ServerSocket server;
    private ExecutorService workers;
    private volatile boolean running;

    Hj212Receiver(DeviceRegistry devices, IngestPipeline pipeline,
                  @Value("${qc.monitoring.hj212.port:8212}") int port,
                  @Value("${qc.monitoring.hj212.max-connections:512}") int maxConnections) {
        this.devices = devices;
        this.pipeline = pipeline;
        this.configuredPort = port;
        this.connections = new Semaphore(maxConnections);
    }

    /** The port listened on, or -1. */
    public int port() {
        ServerSocket s = server;
        return s == null ? -1 : s.getLocalPort();
    }

    /** Frames refused (bad CRC, unknown MN, wrong PW, malformed) since start-up. */
    public long refusedCount() {
        return refused.get();
    }

    @Override
    public void start() {
        if (configuredPort < 0) {
            LOG.info("HJ 212 receiver disabled (qc.monitoring.hj212.port < 0)");
            return;
        }
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(configuredPort));
            server = s;
        } catch (IOException e) {
            throw new IllegalStateException("HJ 212 receiver cannot listen on port " + configuredPort, e);
        }
        running = true;
        workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "hj212-connection");
            t.setDaemon(true);
            return t;
        });
        Thread acceptor = new Thread(this::accept, "hj212-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("HJ 212 receiver listening on port {}", port());
    }

    private void accept() {
        while (running) {
            try {
                Socket socket = server.accept();
                if (!connections.tryAcquire()) {
                    socket.close();
                    continue;
                }
                workers.execute(() -> {
                    try (socket) {
                        socket.setSoTimeout((int) TimeUnit.MINUTES.toMillis(10));
                        serve(socket);
                    } catch (EOFException | SocketException e) {
                        // the station hung up
                    } catch (IOException e) {
                        LOG.debug("HJ 212 connection ended: {}", e.toString());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        connections.release();
                    }
                });
            } catch (IOException e) {
                if (running) {
                    LOG.warn("HJ 212 accept failed: {}", e.toString());
                }
            }
        }
    }

    private void serve(Socket socket) throws IOException, InterruptedException {
        InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        while (running) {
            // frame start: "##"
            int prev = -1;
            int b;
            while ((b = in.read()) >= 0) {
                if (prev == '#' && b == '#') {
                    break;
                }
                prev = b;
            }
            if (b < 0) {
                return;
            }
            byte[] len = in.readNBytes(4);
            if (len.length < 4) {
                return;
            }
            int n;
            try {
                n = Integer.parseInt(new String(len, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                refused.incrementAndGet();
                continue;
            }
            if (n <= 0 || n > MAX_SEGMENT) {
                refused.incrementAndGet();
                continue;
            }
            byte[] segment = in.readNBytes(n);
            byte[] crc = in.readNBytes(4);
            if (segment.length < n || crc.length < 4) {
                return;
            }
            // CRLF (tolerated when missing)
            in.mark(2);
            if (in.read() != '\r' || in.read() != '\n') {
                in.reset();
            }
            String answer = handle(segment, new String(crc, StandardCharsets.US_ASCII));
            if (answer != null) {
                out.write(answer.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
    }

    /** Handles one frame's data segment; answers the response to send, or null. */
    String handle(byte[] segment, String crcHex) throws InterruptedException {
        int crc;
        try {
            crc = Integer.parseInt(crcHex, 16);
        } catch (NumberFormatException e) {
            crc = -1;
        }
        if (crc != Hj212.crc16(segment)) {
            refused.incrementAndGet();
            LOG.warn("HJ 212 frame refused: bad CRC");
            return null;
        }
        Hj212.Message m;
        try {
            m = Hj212.parse(new String(segment, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            refused.incrementAndGet();
            LOG.warn("HJ 212 frame refused: {}", e.getMessage());
            return null;
        }
        Optional<Device> device = devices.authenticate(m.get("MN"), m.get("PW"));
        if (device.isEmpty()) {
            refused.incrementAndGet();
            LOG.warn("HJ 212 frame refused: unknown MN or wrong PW (MN {})", m.get("MN"));
            return null;
        }
        String cn = m.get("CN");
        if (!"2011".equals(cn) && !"2051".equals(cn) && !"2061".equals(cn) && !"2031".equals(cn)) {
            return null;
        }
        Instant time;
        try {
            time = Hj212.time(m.dataTime(), ApplicationZone.ZONE);
        } catch (RuntimeException e) {
            refused.incrementAndGet();
            LOG.warn("HJ 212 frame refused: DataTime {}", m.dataTime());
            return null;
        }
        List<Point> points = new ArrayList<>();
        for (Hj212.Value v : Hj212.values(m)) {
            points.add(new Point(device.get().id(), v.metric(), time, v.value(), v.flag()));
        }
        try {
            pipeline.put(points).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            // not stored: no data response, the station sends again
            LOG.warn("HJ 212 upload of MN {} not stored: {}", m.get("MN"), e.toString());
            return null;
        }
        stored.addAndGet(points.size());
        return m.wantsAnswer() ? Hj212.dataResponse(m) : null;
    }

    @Override
    public void stop() {
        running = false;
        ServerSocket s = server;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stops before the pipeline (lower phase) so that nothing new arrives while it drains
        return Integer.MAX_VALUE - 1000;
    }
}
