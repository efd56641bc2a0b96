package org.qualitycity.complaint.internal;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;

/**
 * The intake unit and the districts by code, kept for a few seconds as {@code ApiTokens} keeps tokens (issue 13: the
 * district check of the submission's validation ({@link AreaCode}) and the intake asked the register on every public
 * submission). Units change rarely; a renamed, moved or re-roled unit is seen here within {@link #TTL}, on every
 * node. Only units found are kept (an unknown code asks the register again). A unit kept longer than
 * {@link #REFRESH} is asked again in the background by the first request that finds it, the others are served the
 * unit kept (no burst of look-ups, nor requests waiting for one, each time an entry would expire).
 */
@Component
class RecentUnits {

    static final Duration TTL = Duration.ofSeconds(5);
    static final Duration REFRESH = Duration.ofSeconds(3);
    private static final String INTAKE_KEY = "\0intake";

    private final Units units;
    private final LoadingCache<String, Unit> recent = Caffeine.newBuilder().maximumSize(1_000).expireAfterWrite(TTL)
            .refreshAfterWrite(REFRESH).build(this::load);

    RecentUnits(Units units) {
        this.units = units;
    }

    /** {@link Units#byCode}, kept for {@link #TTL} when found. */
    Optional<Unit> byCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(recent.get(code));
    }

    /** {@link ComplaintIntake#intakeUnit(Units)}, kept for {@link #TTL}. */
    Unit intakeUnit() {
        return recent.get(INTAKE_KEY);
    }

    private Unit load(String key) {
        return INTAKE_KEY.equals(key) ? ComplaintIntake.intakeUnit(units) : units.byCode(key).orElse(null);
    }
}
