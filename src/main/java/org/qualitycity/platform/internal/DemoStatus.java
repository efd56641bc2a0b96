package org.qualitycity.platform.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.concurrent.CompletableFuture;

/**
 * Whether demo data is present (drives the badge on every page), and while the demo data set is being generated in
 * the background after readiness, how far it got (the banner on every page and {@code /actuator/info}).
 */
@Component
public class DemoStatus {

    private final JdbcClient jdbc;
    private final CompletableFuture<Boolean> generated = new CompletableFuture<>();
    private volatile boolean present;
    private volatile boolean generating;
    private volatile boolean failed;
    private volatile int done;
    private volatile int total;

    DemoStatus(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The complete demo data set is present. */
    public boolean present() {
        return present;
    }

    /** The demo accounts exist and the rest of the demo data set is being generated (pages work meanwhile). */
    public boolean generating() {
        return generating && !failed;
    }

    /** Contributors finished so far, while {@link #generating()}. */
    public int done() {
        return done;
    }

    /** Contributors to run in the background, while {@link #generating()}. */
    public int total() {
        return total;
    }

    /**
     * Completes with true once this start finds or has generated the complete demo data set, with false when it has
     * none (demo data off) or its generation failed.
     */
    public CompletableFuture<Boolean> generated() {
        return generated;
    }

    void refresh() {
        Boolean complete = jdbc.sql("SELECT complete FROM platform_demo WHERE id = 1").query(Boolean.class)
                .optional().orElse(null);
        present = Boolean.TRUE.equals(complete);
        generating = Boolean.FALSE.equals(complete);
        if (complete == null || complete) {
            generated.complete(present);
        }
    }

    void progress(int done, int total) {
        this.done = done;
        this.total = total;
    }

    void failed() {
        failed = true;
        generated.complete(false);
    }
}
