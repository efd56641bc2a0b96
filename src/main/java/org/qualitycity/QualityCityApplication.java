package org.qualitycity;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** QualityCity: the platform on which a city runs its quality programme (质量强市). */
@SpringBootApplication
@EnableScheduling
public class QualityCityApplication {

    static {
        // The platform serves one city: dates and times on pages and exports are in its zone (qc.timezone,
        // QC_TIMEZONE), whatever the server's zone.
        org.qualitycity.platform.ApplicationZone.applyAsJvmDefault();
    }

    public static void main(String[] args) {
        if (org.qualitycity.platform.Commands.isCommand(args)) {
            // backup, restore, rotate-key: run without the web server (README "Backup and restore")
            System.exit(org.qualitycity.platform.Commands.run(args, System.getenv(), System.out, System.err));
        }
        SpringApplication app = new SpringApplication(QualityCityApplication.class);
        // the embedded PostgreSQL starts on the second core while Spring builds its context (issue 13)
        app.addListeners(new org.qualitycity.platform.EmbeddedDatabaseEarlyStart());
        app.run(args);
    }
}
