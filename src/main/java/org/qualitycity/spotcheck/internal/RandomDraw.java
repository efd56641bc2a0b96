package org.qualitycity.spotcheck.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The draw of 双随机一公开, a pure function of what the draw records, so that anyone holding the record can recompute
 * it (docs/architecture.md, "Random draws"):
 * <ol>
 *   <li>Each candidate enterprise gets the key {@code SHA-256(seed "|" creditCode)} (UTF-8, as lower-case hex); the
 *       candidates are ordered by key (ties by credit code) and the first {@code n} are drawn, in that order.</li>
 *   <li>For each drawn enterprise, the inspectors of the pool who have no conflict (the inspectors of its last
 *       inspection; when the plan says so, those of its own district) get the key
 *       {@code SHA-256(seed "|" creditCode "|" inspectorId)}; the two with the lowest keys (ties by id) are assigned.</li>
 * </ol>
 * The order of the lists given does not matter; the recorded candidate list is sorted by credit code for readers.
 */
final class RandomDraw {

    private RandomDraw() {
    }

    /** A candidate: its district (the unit below the city its unit belongs to) and the inspectors of its last inspection. */
    record Candidate(long id, String creditCode, String name, Long district, Set<Long> lastInspectors) {
    }

    record Inspector(long id, String name, Long district) {
    }

    record Pick(int position, Candidate enterprise, List<Inspector> inspectors) {
    }

    /** Thrown when a drawn enterprise has fewer than two inspectors without a conflict. */
    static final class NotEnoughInspectors extends RuntimeException {
        final transient Candidate enterprise;

        NotEnoughInspectors(Candidate enterprise) {
            super("fewer than two inspectors without a conflict for " + enterprise.creditCode());
            this.enterprise = enterprise;
        }
    }

    static String key(String seed, String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            StringBuilder s = new StringBuilder(seed);
            for (String p : parts) {
                s.append('|').append(p);
            }
            return HexFormat.of().formatHex(sha.digest(s.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The district of a unit: the second unit of its path ({@code /city/district/...}), or null for the city itself. */
    static Long districtOf(String unitPath) {
        String[] p = unitPath == null ? new String[0] : unitPath.split("/");
        return p.length > 2 && !p[2].isEmpty() ? Long.valueOf(p[2]) : null;
    }

    static List<Pick> draw(String seed, List<Candidate> candidates, int n, List<Inspector> pool,
                           boolean excludeOwnDistrict) {
        List<Candidate> ordered = candidates.stream()
                .sorted(Comparator.comparing((Candidate c) -> key(seed, c.creditCode())).thenComparing(Candidate::creditCode))
                .limit(n).toList();
        List<Pick> picks = new ArrayList<>();
        for (Candidate c : ordered) {
            List<Inspector> two = pool.stream()
                    .filter(i -> !c.lastInspectors().contains(i.id()))
                    .filter(i -> !excludeOwnDistrict || c.district() == null || !Objects.equals(i.district(), c.district()))
                    .sorted(Comparator.comparing((Inspector i) -> key(seed, c.creditCode(), Long.toString(i.id())))
                            .thenComparingLong(Inspector::id))
                    .limit(2).toList();
            if (two.size() < 2) {
                throw new NotEnoughInspectors(c);
            }
            picks.add(new Pick(picks.size() + 1, c, two));
        }
        return picks;
    }
}
