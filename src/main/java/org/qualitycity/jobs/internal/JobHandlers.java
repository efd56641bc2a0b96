package org.qualitycity.jobs.internal;

import org.qualitycity.jobs.JobHandler;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The job kinds this node can run. */
@Component
class JobHandlers {

    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]{0,59}");

    private final Map<String, JobHandler> byKind = new LinkedHashMap<>();

    JobHandlers(List<JobHandler> handlers) {
        for (JobHandler h : handlers) {
            if (!KIND.matcher(h.kind()).matches()) {
                throw new IllegalStateException("invalid job kind: " + h.kind());
            }
            JobHandler previous = byKind.put(h.kind(), h);
            if (previous != null) {
                throw new IllegalStateException("two handlers for the job kind " + h.kind());
            }
        }
    }

    Optional<JobHandler> get(String kind) {
        return Optional.ofNullable(kind == null ? null : byKind.get(kind));
    }

    Collection<String> kinds() {
        return byKind.keySet();
    }

    Collection<JobHandler> all() {
        return byKind.values();
    }
}
