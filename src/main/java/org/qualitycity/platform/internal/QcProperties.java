package org.qualitycity.platform.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * Settings under {@code qc.*}; each has an environment variable documented in the README.
 *
 * @param dataDir  where the embedded database and attachments live ({@code QC_DATA_DIR})
 * @param demo     generate demo data on first start: "true", "false", or "" for "only when embedded"
 * @param db       external database, if any
 * @param adminTotpSecret base32 TOTP secret of the first administrator ({@code QC_ADMIN_TOTP_SECRET}); unset: it
 *                 enrols at its first sign-in
 */
@ConfigurationProperties(prefix = "qc")
public record QcProperties(String dataDir, String demo, Db db, String adminPassword, String adminTotpSecret) {

    public record Db(String url, String user, String password) {
    }

    public QcProperties {
        if (!StringUtils.hasText(dataDir)) {
            dataDir = "./var";
        }
        if (db == null) {
            db = new Db(null, null, null);
        }
    }

    public boolean externalDatabase() {
        return StringUtils.hasText(db.url());
    }

    /** Demo data defaults to on with the embedded database and off with an external one. */
    public boolean demoEnabled() {
        if (!StringUtils.hasText(demo)) {
            return !externalDatabase();
        }
        return Boolean.parseBoolean(demo.trim());
    }
}
