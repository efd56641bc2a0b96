package org.qualitycity.portal.internal;

import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.Text;
import org.qualitycity.platform.WorkbenchSource;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;

/** Hot topics waiting for the city quality office's moderation. */
@Component
class HotTopicWorkbench implements WorkbenchSource {

    private final HotTopics topics;

    HotTopicWorkbench(HotTopics topics) {
        this.topics = topics;
    }

    @Override
    public List<Queue> queues(CurrentUser user, LocalDate today) {
        if (!user.can("portal:hottopic:moderate")) {
            return List.of();
        }
        long n = topics.pendingCount();
        if (n == 0) {
            return List.of();
        }
        List<Item> items = topics.pending(TOP).stream()
                .map(p -> new Item(Text.of("portal.workbench.topic", p.title()), "/portal/hot-topics#topic-" + p.id(),
                        null, null, false)).toList();
        return List.of(new Queue(Text.of("portal.workbench.topics", n), n, "/portal/hot-topics", "/portal/hot-topics",
                Urgency.OPEN, items));
    }
}
