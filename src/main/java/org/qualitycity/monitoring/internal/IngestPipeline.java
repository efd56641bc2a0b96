package org.qualitycity.monitoring.internal;

import org.qualitycity.monitoring.Point;
import org.qualitycity.monitoring.TelemetryWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one ingestion pipeline of every receiver (HTTP, MQTT, HJ 212, Kafka, {@link TelemetryWriter}): a queue
 * bounded in points ({@code qc.monitoring.queue-capacity}) in front of writer threads
 * ({@code qc.monitoring.writers}), each owning the devices whose id hashes to it, so that one device's points are
 * stored and evaluated in order by one thread. A writer takes what is waiting (up to {@code qc.monitoring.batch-size}
 * points), stores it in one transaction, and only then completes the senders' futures: a sender is acknowledged
 * after the commit, never before. Then the alarm rules and the {@link org.qualitycity.monitoring.TelemetryListener}s
 * see the new points.
 *
 * <p>Back-pressure: {@link #offer} refuses at once when the queue has no room (HTTP answers 503 with Retry-After);
 * {@link #put} waits for room (MQTT and TCP receivers stop reading from the socket meanwhile, which slows the
 * sender through TCP flow control). Nothing is buffered beyond the bound and nothing is dropped silently.
 */
@Component
public class IngestPipeline implements TelemetryWriter, SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(IngestPipeline.class);

    private final PointStore store;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AfterCommit afterCommit;
    private final Clock clock;
    private final int capacity;
    private final int batchSize;
    private final Semaphore room;
    private final Shard[] shards;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean running;

    /** What the pipeline hands to the alarm rules and listeners after a commit. */
    public interface AfterCommit {
        void stored(List<Point> inserted, Instant receivedAt);
    }

    IngestPipeline(PointStore store, JdbcClient jdbc, TransactionTemplate tx, AfterCommit afterCommit, Clock clock,
                   @Value("${qc.monitoring.queue-capacity:100000}") int capacity,
                   @Value("${qc.monitoring.writers:2}") int writers,
                   @Value("${qc.monitoring.batch-size:5000}") int batchSize) {
        this.store = store;
        this.jdbc = jdbc;
        this.tx = tx;
        this.afterCommit = afterCommit;
        this.clock = clock;
        this.capacity = capacity;
        this.batchSize = batchSize;
        this.room = new Semaphore(capacity);
        this.shards = new Shard[Math.max(1, writers)];
        for (int i = 0; i < shards.length; i++) {
            shards[i] = new Shard(i);
        }
    }

    /** The queue's bound in points. */
    public int capacity() {
        return capacity;
    }

    /** Points waiting in the queue now. */
    public int queued() {
        return capacity - room.availablePermits();
    }

    /** Points stored since start-up, and batches refused for lack of room. */
    public long storedCount() {
        return stored.get();
    }

    public long refusedCount() {
        return refused.get();
    }

    /**
     * Enqueues the points if there is room for all of them now; empty when the queue is full (nothing enqueued).
     * The future completes with the number of new points once they are committed.
     */
    public java.util.Optional<CompletableFuture<Integer>> offer(List<Point> points) {
        if (points.isEmpty()) {
            return java.util.Optional.of(CompletableFuture.completedFuture(0));
        }
        if (points.size() > capacity || !running || !room.tryAcquire(points.size())) {
            refused.incrementAndGet();
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(enqueue(points));
    }

    /** Enqueues the points, waiting for room as long as it takes (the caller is slowed down, not refused). */
    public CompletableFuture<Integer> put(List<Point> points) throws InterruptedException {
        if (points.isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        if (points.size() > capacity) {
            List<CompletableFuture<Integer>> parts = new ArrayList<>();
            for (int i = 0; i < points.size(); i += capacity) {
                parts.add(put(points.subList(i, Math.min(points.size(), i + capacity))));
            }
            return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                    .thenApply(v -> parts.stream().mapToInt(CompletableFuture::join).sum());
        }
        room.acquire(points.size());
        return enqueue(points);
    }

    @Override
    public void write(List<Point> points) {
        try {
            put(List.copyOf(points)).join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private CompletableFuture<Integer> enqueue(List<Point> points) {
        Map<Integer, List<Point>> byShard = new HashMap<>();
        for (Point q : points) {
            // stored to the microsecond, as PostgreSQL keeps it
            Point p = q.time().getNano() % 1000 == 0 ? q : new Point(q.deviceId(), q.metric(),
                    q.time().truncatedTo(java.time.temporal.ChronoUnit.MICROS), q.value(), q.flag());
            byShard.computeIfAbsent(shardOf(p.deviceId()), k -> new ArrayList<>()).add(p);
        }
        Ticket ticket = new Ticket(byShard.size());
        byShard.forEach((s, pts) -> shards[s].queue.add(new Work(pts, ticket)));
        return ticket.done;
    }

    int shardOf(long deviceId) {
        return (int) Math.floorMod(deviceId * 0x9E3779B97F4A7C15L >>> 32, (long) shards.length);
    }

    record Work(List<Point> points, Ticket ticket) {
    }

    static final class Ticket {
        final AtomicInteger parts;
        final AtomicInteger inserted = new AtomicInteger();
        final CompletableFuture<Integer> done = new CompletableFuture<>();

        Ticket(int parts) {
            this.parts = new AtomicInteger(parts);
        }

        void partDone(int n) {
            inserted.addAndGet(n);
            if (parts.decrementAndGet() == 0) {
                done.complete(inserted.get());
            }
        }

        void failed(Throwable t) {
            done.completeExceptionally(t);
        }
    }

    private final class Shard implements Runnable {
        final BlockingQueue<Work> queue = new LinkedBlockingQueue<>();
        final int index;
        Thread thread;

        Shard(int index) {
            this.index = index;
        }

        @Override
        public void run() {
            while (running || !queue.isEmpty()) {
                Work first;
                try {
                    first = queue.poll(200, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    if (!running) {
                        break;
                    }
                    continue;
                }
                if (first == null) {
                    continue;
                }
                List<Work> batch = new ArrayList<>();
                batch.add(first);
                int n = first.points().size();
                Work next;
                while (n < batchSize && (next = queue.peek()) != null && n + next.points().size() <= batchSize) {
                    batch.add(queue.poll());
                    n += next.points().size();
                }
                process(batch);
            }
        }

        private void process(List<Work> batch) {
            try {
                store(batch);
            } catch (RuntimeException e) {
                if (batch.size() == 1) {
                    LOG.warn("telemetry batch of {} points not stored: {}", batch.get(0).points().size(), e.toString());
                    release(batch.get(0));
                    batch.get(0).ticket().failed(e);
                    return;
                }
                // one sender's bad batch must not fail the others: store each on its own
                for (Work w : batch) {
                    process(List.of(w));
                }
            }
        }

        private void store(List<Work> batch) {
            List<Point> all = new ArrayList<>();
            for (Work w : batch) {
                all.addAll(w.points());
            }
            store.ensurePartitions(all);
            Instant receivedAt = clock.instant();
            Map<Work, Integer> counts = new HashMap<>();
            List<Point> inserted = tx.execute(status -> {
                List<Point> ins = store.insert(all);
                touchDevices(all, receivedAt);
                return ins;
            });
            stored.addAndGet(inserted.size());
            // each sender learns how many of its points were new; they are all durably stored (new or not)
            if (inserted.size() == all.size()) {
                for (Work w : batch) {
                    counts.put(w, w.points().size());
                }
            } else {
                // the store answers the very objects it was given, each once: count by identity, each once (a point
                // repeated in the batch counts for its first sender)
                java.util.Set<Point> fresh = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
                fresh.addAll(inserted);
                for (Work w : batch) {
                    int c = 0;
                    for (Point p : w.points()) {
                        if (fresh.remove(p)) {
                            c++;
                        }
                    }
                    counts.put(w, c);
                }
            }
            for (Work w : batch) {
                release(w);
            }
            // the alarm rules and listeners see the points before the senders hear back, so that a sender (and a
            // test) that reads the alarms after its acknowledgement finds them evaluated
            try {
                afterCommit.stored(inserted, receivedAt);
            } catch (RuntimeException e) {
                LOG.warn("alarm rules or listeners failed after a stored batch", e);
            }
            for (Work w : batch) {
                w.ticket().partDone(counts.get(w));
            }
        }

        private void release(Work w) {
            room.release(w.points().size());
        }
    }

    private void touchDevices(List<Point> points, Instant receivedAt) {
        Map<Long, Instant> newest = new HashMap<>();
        for (Point p : points) {
            newest.merge(p.deviceId(), p.time(), (a, b) -> a.isAfter(b) ? a : b);
        }
        // one statement for all the batch's devices (in id order, so that two writers never deadlock)
        store.touch(new java.util.TreeMap<>(newest), receivedAt);
    }

    @Override
    public void start() {
        running = true;
        for (Shard s : shards) {
            s.thread = new Thread(s, "telemetry-writer-" + s.index);
            s.thread.setDaemon(true);
            s.thread.start();
        }
    }

    @Override
    public void stop() {
        running = false;
        for (Shard s : shards) {
            try {
                s.thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stops after the receivers (which stop at a higher phase first) and before the data source goes away
        return Integer.MAX_VALUE - 2000;
    }
}
