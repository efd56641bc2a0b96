package org.qualitycity.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** A clock tests can set and move; it follows the real time until set. Reset it after use. */
public class MutableClock extends Clock {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private volatile Instant fixed;
    /**
     * The clock of each running test application by its HTTP port, so that helpers compute TOTP codes for the
     * time of the application they talk to (several applications run in one test JVM: the shared one, a second
     * node, a context of its own).
     */
    private static final java.util.Map<Integer, MutableClock> BY_PORT = new java.util.concurrent.ConcurrentHashMap<>();

    static void register(int port, MutableClock clock) {
        BY_PORT.put(port, clock);
    }

    /** The time of the test application on {@code port}: its clock's instant, else the real time. */
    public static Instant now(int port) {
        MutableClock c = BY_PORT.get(port);
        return c != null ? c.instant() : Instant.now();
    }

    /** Today at the test application on {@code port}, by its clock and zone. */
    public static java.time.LocalDate today(int port) {
        MutableClock c = BY_PORT.get(port);
        return java.time.LocalDate.ofInstant(now(port), c != null ? c.getZone() : ZONE);
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
