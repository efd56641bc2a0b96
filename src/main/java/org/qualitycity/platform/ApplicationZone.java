package org.qualitycity.platform;

import java.time.ZoneId;
import java.util.TimeZone;

/**
 * The platform's time zone: the city's, from {@code QC_TIMEZONE} (default: Beijing time). It is the JVM's default
 * zone (set before anything else runs) and every database session's {@code TimeZone}, so that dates derived from
 * timestamps (a case's month, a deadline's day) are the same whichever pooled connection computes them.
 */
public final class ApplicationZone {

    /** The zone of the platform, validated by {@link ZoneId#of}. */
    public static final ZoneId ZONE = ZoneId.of(System.getenv().getOrDefault("QC_TIMEZONE", "Asia/Shanghai"));

    private ApplicationZone() {
    }

    /** Makes {@link #ZONE} the JVM's default zone (pages and exports show local time). */
    public static void applyAsJvmDefault() {
        TimeZone.setDefault(TimeZone.getTimeZone(ZONE));
    }

    /** The statement that sets a database session to {@link #ZONE} (a zone id: letters, digits, '/', '_', '+', '-'). */
    public static String sessionSql() {
        return "SET TIME ZONE '" + ZONE.getId() + "'";
    }
}
