package org.qualitycity.complaint.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;

/**
 * The intake unit and the districts by code, kept for a few seconds as {@code ApiTokens} keeps tokens (issue 13: the
 * district check of the submission's validation ({@link AreaCode}) and the intake asked the register on every public
 * submission). Units change rarely; a renamed, moved or re-roled unit is seen here within {@link #TTL}, on every
 * node. Only units found are kept (an unknown code asks the register again).
 */
@Component
class RecentUnits {

    static final Duration TTL = Duration.ofSeconds(5);
    private static final String INTAKE_KEY = "\0intake";

    private final Units units;
    private final Cache<String, Unit> recent = Caffeine.newBuilder().maximumSize(1_000).expireAfterWrite(TTL).build();

    RecentUnits(Units units) {
        this.units = units;
    }

    /** {@link Units#byCode}, kept for {@link #TTL} when found. */
    Optional<Unit> byCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        Unit u = recent.getIfPresent(code);
        if (u != null) {
            return Optional.of(u);
        }
        Optional<Unit> found = units.byCode(code);
        found.ifPresent(f -> recent.put(code, f));
        return found;
    }

    /** {@link ComplaintIntake#intakeUnit(Units)}, kept for {@link #TTL}. */
    Unit intakeUnit() {
        return recent.get(INTAKE_KEY, k -> ComplaintIntake.intakeUnit(units));
    }
}
