package org.qualitycity.platform;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.TimeZone;

/**
 * The platform's time zone: the city's, the setting {@code qc.timezone} (environment {@code QC_TIMEZONE}; its default
 * is in {@code application.yml}). It is the JVM's default zone (set before anything else runs) and every database
 * session's {@code TimeZone}, so that dates derived from timestamps (a case's month, a deadline's day) are the same
 * whichever pooled connection computes them. Because it is needed before Spring starts, it is read from the system
 * properties, the environment and the bundled {@code application.yml} only (not from profiles or command-line
 * arguments).
 */
public final class ApplicationZone {

    /** The setting that names the zone. */
    public static final String PROPERTY = "qc.timezone";

    /** The zone of the platform, validated by {@link ZoneId#of}. */
    public static final ZoneId ZONE = configured();

    private ApplicationZone() {
    }

    private static ZoneId configured() {
        StandardEnvironment env = new StandardEnvironment();
        ClassPathResource yml = new ClassPathResource("application.yml");
        if (yml.exists()) {
            try {
                for (PropertySource<?> source : new YamlPropertySourceLoader().load("application.yml", yml)) {
                    env.getPropertySources().addLast(source);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String id = env.getProperty(PROPERTY);
        if (id == null || id.isBlank()) {
            throw new IllegalStateException(PROPERTY + " (QC_TIMEZONE) is not set");
        }
        return ZoneId.of(id.trim());
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
