package org.qualitycity.monitoring.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.qualitycity.monitoring.Device;
import org.qualitycity.monitoring.Point;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** HTTP JSON batches: each device of a batch authenticates with its own credential; all or nothing is enqueued. */
@Service
public class HttpIngest {

    public static final String METRIC = "[A-Za-z][A-Za-z0-9_.-]{0,39}";

    public record Batch(@NotNull @Size(min = 1, max = 1000) List<@Valid @NotNull DeviceBatch> devices) {
    }

    public record DeviceBatch(@NotBlank @Size(max = 64) String code, @Size(max = 128) String credential,
                              @NotNull @Size(min = 1, max = 50000) List<@Valid @NotNull PointIn> points) {
    }

    public record PointIn(@NotBlank @Pattern(regexp = METRIC, message = "{monitoring.error.metric}") String metric,
                          @NotNull Instant time, @NotNull Double value,
                          @Pattern(regexp = "[A-Za-z]{1,4}", message = "{monitoring.error.flag}") String flag) {
    }

    public record Accepted(int points, int stored) {
    }

    /** What became of a batch. */
    public sealed interface Outcome {
    }

    public record Stored(Accepted accepted) implements Outcome {
    }

    /** A device without a credential or with a wrong one: nothing was enqueued. */
    public record Unauthenticated(String code) implements Outcome {
    }

    /** The queue had no room: nothing was enqueued; retry after this many seconds. */
    public record Busy(int retryAfterSeconds) implements Outcome {
    }

    private final DeviceRegistry devices;
    private final IngestPipeline pipeline;
    private final int maxPoints;

    HttpIngest(DeviceRegistry devices, IngestPipeline pipeline,
               @Value("${qc.monitoring.max-points-per-request:50000}") int maxPoints) {
        this.devices = devices;
        this.pipeline = pipeline;
        this.maxPoints = maxPoints;
    }

    public int maxPoints() {
        return maxPoints;
    }

    public Outcome ingest(Batch batch) {
        List<Point> points = new ArrayList<>();
        for (DeviceBatch b : batch.devices()) {
            Optional<Device> d = devices.authenticate(b.code(), b.credential());
            if (d.isEmpty()) {
                return new Unauthenticated(b.code());
            }
            for (PointIn p : b.points()) {
                if (!Double.isFinite(p.value())) {
                    continue;
                }
                points.add(new Point(d.get().id(), p.metric(), p.time(), p.value(), p.flag()));
            }
        }
        Optional<CompletableFuture<Integer>> f = pipeline.offer(points);
        if (f.isEmpty()) {
            return new Busy(retryAfterSeconds());
        }
        try {
            return new Stored(new Accepted(points.size(), f.get().get(60, TimeUnit.SECONDS)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Busy(retryAfterSeconds());
        } catch (ExecutionException | TimeoutException e) {
            // not known to be stored: the client retries (storing is idempotent)
            return new Busy(retryAfterSeconds());
        }
    }

    /** A rough time until the queue has drained. */
    int retryAfterSeconds() {
        return Math.max(1, Math.min(30, pipeline.queued() / 50_000 + 1));
    }
}
