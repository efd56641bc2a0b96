package org.qualitycity.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** A clock tests can set and move; it follows the real time until set. Reset it after use. */
public class MutableClock extends Clock {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private volatile Instant fixed;
    /** The clock of the running test application, so that helpers compute TOTP codes for its time. */
    private static volatile MutableClock current;

    public MutableClock() {
        current = this;
    }

    /** The test application's time: the clock's instant when one exists, else the real time. */
    public static Instant now() {
        MutableClock c = current;
        return c != null ? c.instant() : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }

    @Override
    public Instant instant() {
        Instant f = fixed;
        return f != null ? f : Instant.now();
    }

    public void set(Instant instant) {
        fixed = instant;
    }

    public void advance(Duration d) {
        fixed = instant().plus(d);
    }

    public void reset() {
        fixed = null;
    }
}
