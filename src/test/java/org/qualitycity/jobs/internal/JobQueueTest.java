package org.qualitycity.jobs.internal;

import org.junit.jupiter.api.Test;
import org.qualitycity.support.QcIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue's database behaviour: concurrent claims and jobs of dead nodes. */
@QcIntegrationTest
class JobQueueTest {

    @Autowired
    JobRepository repo;
    @Autowired
    JobWorker worker;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate tx;

    @Test
    void twoConcurrentClaimersGetDifferentJobsWithoutWaiting() throws Exception {
        // a kind no handler runs, so that the application's own worker leaves these rows alone
        String kind = "claim-test-" + UUID.randomUUID().toString().substring(0, 8);
        long first = repo.insert(kind, "{}", null, null);
        long second = repo.insert(kind, "{}", null, null);

        CountDownLatch aClaimed = new CountDownLatch(1);
        CountDownLatch bDone = new CountDownLatch(1);
        CompletableFuture<Optional<JobRepository.Claimed>> a = CompletableFuture.supplyAsync(() -> tx.execute(s -> {
            Optional<JobRepository.Claimed> c = repo.claim("node-a", List.of(kind));
            aClaimed.countDown();
            try {
                // keep the transaction (and the row lock) open while B claims
                bDone.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return c;
        }));
        assertThat(aClaimed.await(20, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<List<Optional<JobRepository.Claimed>>> b = CompletableFuture.supplyAsync(() -> tx.execute(s -> {
            // without SKIP LOCKED this claim would wait for A's lock and fail here
            jdbc.sql("SET LOCAL lock_timeout = '3s'").update();
            try {
                return List.of(repo.claim("node-b", List.of(kind)), repo.claim("node-b", List.of(kind)));
            } finally {
                bDone.countDown();
            }
        }));
        List<Optional<JobRepository.Claimed>> bClaims = b.get(30, TimeUnit.SECONDS);
        Optional<JobRepository.Claimed> aClaim = a.get(30, TimeUnit.SECONDS);

        assertThat(aClaim).isPresent();
        assertThat(bClaims.get(0)).isPresent();
        assertThat(aClaim.get().id()).isNotEqualTo(bClaims.get(0).get().id());
        assertThat(List.of(aClaim.get().id(), bClaims.get(0).get().id())).containsExactlyInAnyOrder(first, second);
        assertThat(bClaims.get(1)).as("nothing left for a third claim").isEmpty();
        assertThat(jdbc.sql("SELECT node FROM jobs_job WHERE id = :id").param("id", aClaim.get().id())
                .query(String.class).single()).isEqualTo("node-a");
        assertThat(jdbc.sql("SELECT count(*) FROM jobs_job WHERE kind = :k AND status = 'RUNNING'").param("k", kind)
                .query(Long.class).single()).isEqualTo(2);
        jdbc.sql("UPDATE jobs_job SET status = 'CANCELLED' WHERE kind = :k").param("k", kind).update();
    }

    @Test
    void aJobWhoseNodeDiedIsFailedOnTheNextPoll() {
        String kind = "stale-test-" + UUID.randomUUID().toString().substring(0, 8);
        long dead = jdbc.sql("""
                        INSERT INTO jobs_job (kind, status, node, started_at, heartbeat_at)
                        VALUES (:k, 'RUNNING', 'dead-node', now() - interval '10 minutes', now() - interval '3 minutes')
                        RETURNING id""").param("k", kind).query(Long.class).single();
        long alive = jdbc.sql("""
                        INSERT INTO jobs_job (kind, status, node, started_at, heartbeat_at)
                        VALUES (:k, 'RUNNING', 'live-node', now() - interval '10 minutes', now() - interval '30 seconds')
                        RETURNING id""").param("k", kind).query(Long.class).single();

        worker.poll();

        assertThat(jdbc.sql("SELECT status FROM jobs_job WHERE id = :id").param("id", dead).query(String.class).single())
                .isEqualTo("FAILED");
        assertThat(jdbc.sql("SELECT error FROM jobs_job WHERE id = :id").param("id", dead).query(String.class).single())
                .contains("stopped responding");
        assertThat(jdbc.sql("SELECT status FROM jobs_job WHERE id = :id").param("id", alive).query(String.class).single())
                .isEqualTo("RUNNING");
        // a late result of the dead node does not overwrite the failure
        assertThat(repo.finish(dead, "dead-node", org.qualitycity.jobs.JobStatus.SUCCEEDED, "{}", null)).isFalse();
        jdbc.sql("UPDATE jobs_job SET status = 'CANCELLED' WHERE kind = :k").param("k", kind).update();
    }
}
