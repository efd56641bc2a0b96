package org.qualitycity.jobs.internal;

import org.qualitycity.jobs.JobFailure;
import org.qualitycity.jobs.JobHandler;
import org.qualitycity.jobs.JobProgress;
import org.qualitycity.jobs.JobStatus;
import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.Text;
import org.qualitycity.platform.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs queued jobs on this node: a poller thread claims jobs (only as many as there are free worker
 * threads, only kinds this node has handlers for) and hands them to a small pool; a heartbeat keeps
 * the running jobs alive in the database; jobs of a dead node are failed after {@code staleAfter}.
 * No state another node needs is kept here: the table is the queue.
 */
@Component
@EnableConfigurationProperties(JobsProperties.class)
class JobWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobWorker.class);
    static final int MAX_MESSAGE = 500;
    static final int MAX_ERROR = 2000;

    private final JobRepository repo;
    private final JobHandlers handlers;
    private final JobsProperties props;
    private final ObjectMapper json;
    private final TransactionTemplate newTx;
    private final String node;
    private final Semaphore free;
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService poller;
    private volatile ExecutorService pool;

    JobWorker(JobRepository repo, JobHandlers handlers, JobsProperties props, ObjectMapper json,
              PlatformTransactionManager txManager) {
        this.repo = repo;
        this.handlers = handlers;
        this.props = props;
        this.json = json;
        this.newTx = new TransactionTemplate(txManager);
        this.newTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.node = nodeName();
        this.free = new Semaphore(props.threads());
    }

    private static String nodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "node";
        }
        String name = host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
        return name.length() > 100 ? name.substring(name.length() - 100) : name;
    }

    String node() {
        return node;
    }

    @Override
    public synchronized void start() {
        if (!props.enabled() || poller != null) {
            return;
        }
        pool = Executors.newFixedThreadPool(props.threads(), named("qc-job-"));
        poller = Executors.newSingleThreadScheduledExecutor(named("qc-job-poller-"));
        poller.scheduleWithFixedDelay(this::poll, 0, props.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        poller.scheduleWithFixedDelay(this::heartbeat, props.heartbeatInterval().toMillis(),
                props.heartbeatInterval().toMillis(), TimeUnit.MILLISECONDS);
        log.info("Job worker {} started: {} threads, kinds {}", node, props.threads(), handlers.kinds());
    }

    @Override
    public synchronized void stop() {
        if (poller == null) {
            return;
        }
        poller.shutdownNow();
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("Jobs still running at shutdown: {}", running);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (running.isEmpty()) {
            // every job of this node has recorded its end (an interrupted one as FAILED)
            poller = null;
            pool = null;
            return;
        }
        try {
            int n = repo.failRunningOf(node, "The application stopped while the job was running; start it again.");
            if (n > 0) {
                log.warn("Marked {} running job(s) of {} as failed at shutdown", n, node);
            }
        } catch (RuntimeException e) {
            log.warn("Could not mark the running jobs of {} at shutdown: {}", node, e.toString());
        }
        poller = null;
        pool = null;
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }

    /** Polls at once (after a submit on this node) instead of waiting for the next interval. */
    void wake() {
        ScheduledExecutorService p = poller;
        if (p != null && !p.isShutdown()) {
            try {
                p.execute(this::poll);
            } catch (java.util.concurrent.RejectedExecutionException ignored) {
                // stopping
            }
        }
    }

    /** One round on the poller thread: fail stale jobs, then claim while there are free threads. */
    void poll() {
        try {
            int stale = repo.failStale(props.staleAfter(),
                    "The job stopped responding (its server may have restarted); start it again.");
            if (stale > 0) {
                log.warn("Failed {} job(s) without heartbeat for {}", stale, props.staleAfter());
            }
            while (free.tryAcquire()) {
                Optional<JobRepository.Claimed> claimed;
                try {
                    claimed = repo.claim(node, handlers.kinds());
                } catch (RuntimeException e) {
                    free.release();
                    throw e;
                }
                if (claimed.isEmpty()) {
                    free.release();
                    break;
                }
                JobRepository.Claimed job = claimed.get();
                running.add(job.id());
                try {
                    pool.execute(() -> {
                        try {
                            execute(job);
                        } finally {
                            running.remove(job.id());
                            free.release();
                        }
                    });
                } catch (RuntimeException e) {
                    running.remove(job.id());
                    free.release();
                    repo.finish(job.id(), node, JobStatus.FAILED, null, "The job could not be started; start it again.");
                    throw e;
                }
            }
        } catch (RuntimeException e) {
            log.warn("Job poll failed: {}", e.toString());
        }
    }

    private void heartbeat() {
        try {
            repo.heartbeat(node, Set.copyOf(running));
        } catch (RuntimeException e) {
            log.warn("Job heartbeat failed: {}", e.toString());
        }
    }

    /** Runs one claimed job to its end state; never throws. */
    void execute(JobRepository.Claimed job) {
        JobHandler handler = handlers.get(job.kind()).orElse(null);
        if (handler == null) {
            repo.finish(job.id(), node, JobStatus.FAILED, null, "No handler for this kind of job.");
            return;
        }
        Progress progress = new Progress(job);
        try {
            JsonNode params = json.readTree(job.params() == null ? "{}" : job.params());
            Object result = handler.run(params, progress);
            String resultJson = result == null ? null : json.writeValueAsString(result);
            if (!repo.finish(job.id(), node, JobStatus.SUCCEEDED, resultJson, null)) {
                log.warn("Job {} ({}) finished but was no longer running here (failed as stale or cancelled)",
                        job.id(), job.kind());
            }
        } catch (JobProgress.JobCancelledException e) {
            repo.finish(job.id(), node, JobStatus.CANCELLED, null, null);
        } catch (Exception e) {
            String error = userMessage(job, e);
            if (e instanceof JobFailure || e instanceof ValidationException || e instanceof ConflictException) {
                log.info("Job {} ({}) failed: {}", job.id(), job.kind(), e.getMessage());
            } else {
                log.error("Job {} ({}) failed", job.id(), job.kind(), e);
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // a stored Text (JSON) is not cut: it would no longer parse
            repo.finish(job.id(), node, JobStatus.FAILED, null, error.startsWith("{\"key\"") ? error : truncate(error, MAX_ERROR));
        } catch (Error e) {
            log.error("Job {} ({}) failed with an error", job.id(), job.kind(), e);
            repo.finish(job.id(), node, JobStatus.FAILED, null, Text.of("jobs.error.unexpected", job.id()).toJson());
            throw e;
        }
    }

    /** What the user reads: the message of failures meant for people, otherwise a generic text. */
    static String userMessage(JobRepository.Claimed job, Exception e) {
        if ((e instanceof JobFailure || e instanceof ValidationException || e instanceof ConflictException)
                && e.getMessage() != null && !e.getMessage().isBlank()) {
            return e.getMessage();
        }
        if (e instanceof InterruptedException) {
            return Text.of("jobs.error.interrupted").toJson();
        }
        return Text.of("jobs.error.unexpected", job.id()).toJson();
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Progress of one job, written through in its own transaction. */
    private final class Progress implements JobProgress {

        private final JobRepository.Claimed job;
        private volatile boolean cancelled;
        private long lastWrite;
        private int lastPercent = -1;
        private String lastMessage;

        Progress(JobRepository.Claimed job) {
            this.job = job;
        }

        @Override
        public synchronized void update(int percent, String message) {
            int p = Math.max(0, Math.min(100, percent));
            String m = truncate(message, MAX_MESSAGE);
            long now = System.nanoTime();
            // a handler that reports in a tight loop does not hammer the database: a new percentage is
            // written at once, a new message at most every 200 ms, unchanged values once a second (which
            // also picks up a cancellation); the end state is always written by the worker
            boolean same = p == lastPercent && java.util.Objects.equals(m, lastMessage);
            long since = now - lastWrite;
            if (p != lastPercent || (!same && since > 200_000_000L) || since > 1_000_000_000L) {
                Optional<Boolean> cancel = newTx.execute(s -> repo.progress(job.id(), node, p, m));
                lastWrite = now;
                lastPercent = p;
                lastMessage = m;
                // cancelled by its user, or no longer running here (failed as stale): stop the work
                if (cancel == null || cancel.orElse(true)) {
                    cancelled = true;
                }
            }
            if (cancelled) {
                throw new JobCancelledException(job.id());
            }
        }

        @Override
        public boolean cancelRequested() {
            if (!cancelled) {
                Boolean c = newTx.execute(s -> repo.cancelRequested(job.id()));
                cancelled = Boolean.TRUE.equals(c);
            }
            return cancelled;
        }

        @Override
        public long jobId() {
            return job.id();
        }

        @Override
        public Long createdBy() {
            return job.createdBy();
        }
    }
}
