package org.qualitycity.platform;

import java.time.LocalDate;
import java.util.List;

/**
 * 待办: a module's work waiting for the signed-in user. The home page shows every queue that is not empty, the
 * most urgent first, each item linking to where the user acts on it; the side navigation shows each queue's count
 * beside the entry it names ({@link Queue#navHref()}).
 *
 * <p>A source answers only what the user may act on (permission and data scope, checked here in the server) and
 * answers cheaply: one count and one small query per queue, since it is asked on every visit of the home page.
 */
public interface WorkbenchSource {

    /** How many items a queue lists on the home page; the rest are behind {@link Queue#listLink()}. */
    int TOP = 5;

    List<Queue> queues(CurrentUser user, LocalDate today);

    /** The urgency of a queue of dated items: overdue if any is late, due soon if any is due within a week. */
    static Urgency urgencyOf(List<Item> items, LocalDate today) {
        if (items.stream().anyMatch(Item::overdue)) {
            return Urgency.OVERDUE;
        }
        return items.stream().anyMatch(i -> i.due() != null && !i.due().isAfter(today.plusDays(7)))
                ? Urgency.DUE_SOON : Urgency.OPEN;
    }

    /** Ordering of queues on the home page, and the symbol shown beside them (never colour alone). */
    enum Urgency {
        OVERDUE, DUE_SOON, OPEN, INFO
    }

    /**
     * One kind of work waiting, e.g. "tasks to acknowledge".
     *
     * @param title    what waits, as a message key with arguments ({@code {0}} is usually the count)
     * @param count    how many items wait (all of them, not only those listed)
     * @param listLink the full list, filtered to these items
     * @param navHref  the href of the navigation entry whose badge adds this count, or null
     * @param urgency  the most urgent item's urgency
     * @param items    the most urgent items (at most {@link #TOP}), soonest due first
     */
    record Queue(Text title, long count, String listLink, String navHref, Urgency urgency, List<Item> items) {

        public Queue {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    /**
     * One item of a queue.
     *
     * @param label   what it is, as its users name it (a task's title, a case number with its subject), in the
     *                reader's language where the data has two names
     * @param link    where to act on it
     * @param due     the day it is due, or null
     * @param dueNote how much time is left or how late it is (e.g. "3 working days left"), or null
     * @param overdue whether it is past its due day
     */
    record Item(Text label, String link, LocalDate due, Text dueNote, boolean overdue) {

        /** An item due on {@code due}, counted in calendar days from {@code today} ("3 days left", "2 days late"). */
        public static Item dueInDays(Text label, String link, LocalDate today, LocalDate due) {
            if (due == null) {
                return new Item(label, link, null, null, false);
            }
            long days = java.time.temporal.ChronoUnit.DAYS.between(today, due);
            Text note = days < 0 ? Text.of("workbench.due.late", -days)
                    : days == 0 ? Text.of("workbench.due.today") : Text.of("workbench.due.daysLeft", days);
            return new Item(label, link, due, note, days < 0);
        }
    }
}
