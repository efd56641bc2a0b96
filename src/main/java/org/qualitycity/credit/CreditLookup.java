package org.qualitycity.credit;

import java.time.LocalDate;
import java.util.List;

/**
 * The public credit look-up (for the portal): an enterprise's public grade and its published records (active
 * listings on the serious-violation list), found by name or unified social credit code. Nothing else of the
 * enterprise (no legal representative, contact or address; no grade reasons) leaves through it.
 */
public interface CreditLookup {

    /** A published listing on the serious-violation list. */
    record Listing(String decisionNo, String reason, LocalDate listedOn, LocalDate until) {
    }

    /** An enterprise as the public sees it. */
    record Entry(String creditCode, String name, String unitCode, String grade, LocalDate asOf,
                 List<Listing> listings) {
    }

    /** Enterprises whose credit code equals {@code q} or whose name contains it, at most {@code limit}. */
    List<Entry> lookup(String q, int limit);
}
