package org.qualitycity.platform.internal;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.ValidationException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Two-factor login with TOTP (RFC 6238): enrolment by QR code, ten one-time recovery codes, and the check of a
 * code at login. Required for the administrator roles (三权分立 and the city administrator), optional for others.
 * Every wrong code counts toward the account's lock-out, so the six digits cannot be guessed.
 */
@Service
public class TwoFactor {

    /** Roles whose holders must log in with a second factor. */
    public static final Set<String> ADMIN_ROLES = Set.of("CITY_ADMIN", "SYS_ADMIN", "SEC_ADMIN", "AUDIT_ADMIN");
    static final int RECOVERY_CODES = 10;

    public record Enrolment(String secret, String otpauthUri, String qrCode) {
    }

    /** The outcome of a second-factor check. */
    public enum Check { OK, MISSING, WRONG, NOT_ENROLLED }

    private static final String RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private final SecureRandom random = new SecureRandom();
    private final JdbcClient jdbc;
    private final AccountRepository accounts;
    private final LoginAttempts attempts;
    private final AuditLog audit;
    private final Clock clock;
    private final String issuer;

    TwoFactor(JdbcClient jdbc, AccountRepository accounts, LoginAttempts attempts, AuditLog audit, Clock clock,
              @Value("${qc.security.totp-issuer:QualityCity}") String issuer) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.attempts = attempts;
        this.audit = audit;
        this.clock = clock;
        this.issuer = issuer;
    }

    public static boolean required(CurrentUser user) {
        return user.roles().stream().anyMatch(ADMIN_ROLES::contains);
    }

    public boolean enrolled(long userId) {
        return accounts.totpSecret(userId).isPresent();
    }

    /** Whether this account must give a second factor to log in. */
    public boolean needed(CurrentUser user) {
        return accounts.needsSecondFactor(user);
    }

    /**
     * Checks a TOTP code or an unused recovery code (which is then used up). A wrong code counts toward the
     * lock-out; a locked account fails whatever it sends.
     */
    public Check check(CurrentUser user, String code) {
        var secret = accounts.totpSecret(user.id());
        if (secret.isEmpty()) {
            return Check.NOT_ENROLLED;
        }
        if (code == null || code.isBlank()) {
            return Check.MISSING;
        }
        String c = code.trim().replace(" ", "");
        boolean ok = !attempts.locked(user.id())
                && (Totp.verify(secret.get(), c, clock.instant()) || useRecoveryCode(user, c));
        if (!ok) {
            attempts.countFailure(user.id(), "BAD_SECOND_FACTOR");
            return Check.WRONG;
        }
        return Check.OK;
    }

    private boolean useRecoveryCode(CurrentUser user, String code) {
        if (!code.matches("[a-zA-Z0-9]{5}-?[a-zA-Z0-9]{5}")) {
            return false;
        }
        String normalised = code.toLowerCase(Locale.ROOT).replace("-", "");
        int used = jdbc.sql("""
                        UPDATE platform_recovery_code SET used_at = :now
                        WHERE id = (SELECT id FROM platform_recovery_code WHERE user_id = :userId AND code_hash = :hash
                                    AND used_at IS NULL LIMIT 1)
                        """)
                .param("now", Timestamp.from(clock.instant())).param("userId", user.id())
                .param("hash", ApiTokens.sha256(normalised)).update();
        if (used > 0) {
            audit.recordAs(user, "platform", "two-factor", user.id(), user.unitId(), "RECOVERY_CODE_USED", null,
                    Map.of("username", user.username()));
        }
        return used > 0;
    }

    /** Starts (or restarts) enrolment: a new secret, pending until a code from it is confirmed. */
    @Transactional
    public Enrolment start(CurrentUser user) {
        String secret = Totp.newSecret();
        jdbc.sql("UPDATE platform_user SET totp_pending_secret = :s WHERE id = :id")
                .param("s", secret).param("id", user.id()).update();
        String uri = Totp.uri(issuer, user.username(), secret);
        return new Enrolment(secret, uri, qrDataUri(uri));
    }

    /** The pending enrolment, if one was started and not yet confirmed. */
    public java.util.Optional<Enrolment> pending(CurrentUser user) {
        return jdbc.sql("SELECT totp_pending_secret FROM platform_user WHERE id = :id AND totp_pending_secret IS NOT NULL")
                .param("id", user.id()).query(String.class).optional()
                .map(s -> {
                    String uri = Totp.uri(issuer, user.username(), s);
                    return new Enrolment(s, uri, qrDataUri(uri));
                });
    }

    /**
     * Confirms the pending enrolment with a code from the authenticator app; returns the ten recovery codes,
     * shown this once (only their hashes are kept). A wrong code is a 400 on {@code code}.
     */
    @Transactional
    public List<String> confirm(CurrentUser user, String code) {
        String pending = jdbc.sql("SELECT totp_pending_secret FROM platform_user WHERE id = :id")
                .param("id", user.id()).query(String.class).optional().orElse(null);
        if (pending == null) {
            throw new ValidationException("code", Texts.msg("platform.error.no-enrolment"));
        }
        if (code == null || attempts.locked(user.id()) || !Totp.verify(pending, code.trim(), clock.instant())) {
            attempts.countFailure(user.id(), "BAD_SECOND_FACTOR");
            throw new ValidationException("code", Texts.msg("platform.error.code-mismatch"));
        }
        return enable(user, pending);
    }

    @Transactional
    List<String> enable(CurrentUser user, String secret) {
        jdbc.sql("""
                        UPDATE platform_user SET totp_secret = :s, totp_pending_secret = NULL, totp_enabled_at = :now
                        WHERE id = :id
                        """)
                .param("s", secret).param("now", Timestamp.from(clock.instant())).param("id", user.id()).update();
        jdbc.sql("DELETE FROM platform_recovery_code WHERE user_id = :id").param("id", user.id()).update();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < 10; j++) {
                sb.append(RECOVERY_ALPHABET.charAt(random.nextInt(RECOVERY_ALPHABET.length())));
            }
            String c = sb.toString();
            jdbc.sql("INSERT INTO platform_recovery_code (user_id, code_hash) VALUES (:id, :hash)")
                    .param("id", user.id()).param("hash", ApiTokens.sha256(c)).update();
            codes.add(c.substring(0, 5) + "-" + c.substring(5));
        }
        audit.record("platform", "two-factor", user.id(), user.unitId(), "ENROL", null,
                Map.of("username", user.username()));
        return codes;
    }

    /** Sets a fixed secret without enrolment (demo administrator accounts, documented in the README). */
    @Transactional
    public void setFixedSecret(long userId, String secret) {
        jdbc.sql("UPDATE platform_user SET totp_secret = :s, totp_enabled_at = :now WHERE id = :id")
                .param("s", secret).param("now", Timestamp.from(clock.instant())).param("id", userId).update();
    }

    static String qrDataUri(String text) {
        try {
            BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 240, 240,
                    Map.of(EncodeHintType.MARGIN, 2));
            BufferedImage img = new BufferedImage(m.getWidth(), m.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
            for (int x = 0; x < m.getWidth(); x++) {
                for (int y = 0; y < m.getHeight(); y++) {
                    img.setRGB(x, y, m.get(x, y) ? 0xFF000000 : 0xFFFFFFFF);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
        } catch (WriterException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
