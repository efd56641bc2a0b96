package org.qualitycity.platform.internal;

import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.WorkbenchSource;
import org.qualitycity.platform.WorkbenchSource.Queue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The signed-in user's work today, gathered from every module's {@link WorkbenchSource}: the home page's queues,
 * most urgent first, and the counts beside the navigation entries.
 */
@Service
public class Workbench {

    private static final Logger log = LoggerFactory.getLogger(Workbench.class);

    private static final Comparator<Queue> MOST_URGENT_FIRST = Comparator
            .comparing(Queue::urgency)
            .thenComparing(q -> q.items().stream().map(WorkbenchSource.Item::due)
                    .filter(java.util.Objects::nonNull).min(Comparator.naturalOrder()).orElse(LocalDate.MAX));

    private final List<WorkbenchSource> sources;
    private final Clock clock;

    Workbench(List<WorkbenchSource> sources, Clock clock) {
        this.sources = sources;
        this.clock = clock;
    }

    /** The queues that are not empty, most urgent first. */
    public List<Queue> queues(CurrentUser user) {
        LocalDate today = LocalDate.now(clock);
        List<Queue> all = new ArrayList<>();
        boolean failed = false;
        for (WorkbenchSource source : sources) {
            try {
                source.queues(user, today).stream().filter(q -> q.count() > 0).forEach(all::add);
            } catch (RuntimeException e) {
                // one module's failure must not take the home page down: the others still show, and the user is told
                // that part of the list is missing (never a silently shorter list)
                log.error("Workbench source {} failed for user {}", source.getClass().getName(), user.id(), e);
                failed = true;
            }
        }
        if (failed) {
            all.add(new Queue(org.qualitycity.platform.Text.of("workbench.unavailable"), 1, "/", null,
                    WorkbenchSource.Urgency.INFO, List.of()));
        }
        all.sort(MOST_URGENT_FIRST);
        return all;
    }

    /** Counts by navigation href: the sum of the queues that name that entry. */
    public Map<String, Long> navCounts(CurrentUser user) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Queue q : queues(user)) {
            if (q.navHref() != null && q.urgency() != WorkbenchSource.Urgency.INFO) {
                counts.merge(q.navHref(), q.count(), Long::sum);
            }
        }
        return counts;
    }
}
