package org.qualitycity.jobs.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Settings under {@code qc.jobs.*}.
 *
 * @param threads           jobs run at the same time on this node (default 2)
 * @param pollInterval      how often the queue is checked (default 1 s; a submit on this node wakes the worker at once)
 * @param heartbeatInterval how often running jobs tell they are alive (default 20 s)
 * @param staleAfter        a running job without heartbeat for this long is failed (default 2 min)
 * @param enabled           whether this node runs jobs at all (default true; a web-only node may set false)
 */
@ConfigurationProperties(prefix = "qc.jobs")
record JobsProperties(Integer threads, Duration pollInterval, Duration heartbeatInterval, Duration staleAfter,
                      Boolean enabled) {

    JobsProperties {
        threads = threads == null || threads < 1 ? 2 : threads;
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(20) : heartbeatInterval;
        staleAfter = staleAfter == null ? Duration.ofMinutes(2) : staleAfter;
        enabled = enabled == null || enabled;
    }
}
