package org.qualitycity.jobs;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Job kinds for tests only (picked up by the test application's component scan; none may be started
 * by hand): one that stops half-way until the test opens its gate, one that fails with a message for
 * people, one that crashes with an internal exception.
 */
@Configuration(proxyBeanMethods = false)
public class TestJobHandlers {

    public static final String STEPS = "test-steps";
    public static final String FAIL = "test-fail";
    public static final String CRASH = "test-crash";
    public static final String FAILURE_MESSAGE = "第3行：单位代码 4212XX 不存在";
    public static final String SECRET = "org.postgresql.util.PSQLException: relation secret_table";

    private static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();

    /** The gate a "test-steps" job with {@code {"gate": name}} waits at (50 %). */
    public static CountDownLatch gate(String name) {
        return GATES.computeIfAbsent(name, n -> new CountDownLatch(1));
    }

    @Bean
    JobHandler testStepsJob() {
        return new JobHandler() {
            @Override
            public String kind() {
                return STEPS;
            }

            @Override
            public Object run(JsonNode params, JobProgress progress) throws InterruptedException {
                String gate = params.get("gate").asText();
                progress.update(10, "starting");
                progress.update(50, "halfway");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!gate(gate).await(100, TimeUnit.MILLISECONDS)) {
                    progress.update(50, "halfway");   // unchanged: a heartbeat that also notices a cancel
                    if (System.nanoTime() > deadline) {
                        throw new JobFailure("the test never opened the gate");
                    }
                }
                progress.update(90, "almost");
                return Map.of("done", true, "gate", gate);
            }
        };
    }

    @Bean
    JobHandler testFailJob() {
        return new JobHandler() {
            @Override
            public String kind() {
                return FAIL;
            }

            @Override
            public Object run(JsonNode params, JobProgress progress) {
                progress.update(30, "checking rows");
                throw new JobFailure(FAILURE_MESSAGE);
            }
        };
    }

    @Bean
    JobHandler testCrashJob() {
        return new JobHandler() {
            @Override
            public String kind() {
                return CRASH;
            }

            @Override
            public Object run(JsonNode params, JobProgress progress) {
                throw new IllegalStateException(SECRET);
            }
        };
    }
}
