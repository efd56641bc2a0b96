package org.qualitycity.platform.internal;

import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.CurrentUser;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Opaque bearer tokens for API clients. Only the SHA-256 of a token is stored, so a database leak
 * does not leak usable tokens; a token can be revoked at once (unlike a self-contained JWT).
 */
@Service
public class ApiTokens {

    public record IssuedToken(String token, Instant expiresAt) {
    }

    private final SecureRandom random = new SecureRandom();
    /**
     * Recently authenticated tokens (5 s): saves three queries per API request. Revocation and deactivation
     * on this node clear the entries at once; another node notices within the 5 s. An entry older than 3 s is
     * looked up again in the background by the first request that finds it, while the requests of that token keep
     * being served the entry (issue 13: when it simply expired, every concurrent request of the token waited for
     * the look-up, every 5 s); none older than 5 s is used.
     */
    private final com.github.benmanes.caffeine.cache.LoadingCache<String, AccountPrincipal> recent =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(10_000)
                    .expireAfterWrite(Duration.ofSeconds(5)).refreshAfterWrite(Duration.ofSeconds(3))
                    .build(hash -> lookUp(hash).orElse(null));
    private final JdbcClient jdbc;
    private final AccountRepository accounts;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration validity;

    ApiTokens(JdbcClient jdbc, AccountRepository accounts, AuditLog audit, Clock clock,
              @Value("${qc.security.token-validity:PT8H}") Duration validity) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
        this.validity = validity;
    }

    @Transactional
    public IssuedToken issue(CurrentUser user) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = "qc_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant expires = clock.instant().plus(validity);
        long id = jdbc.sql("""
                        INSERT INTO platform_api_token (token_hash, user_id, expires_at, created_ip)
                        VALUES (:hash, :userId, :expires, :ip) RETURNING id
                        """)
                .param("hash", sha256(token)).param("userId", user.id()).param("expires", Timestamp.from(expires))
                .param("ip", RequestInfo.ip()).query(Long.class).single();
        audit.recordAs(user, "platform", "api-token", id, user.unitId(), "ISSUE", null,
                Map.of("userId", user.id(), "expiresAt", expires.toString()));
        return new IssuedToken(token, expires);
    }

    /** The user of a valid (known, unexpired, unrevoked, active user) token. */
    Optional<AccountPrincipal> authenticate(String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        // one look-up per token at a time: the requests of the same token that arrive while it runs (a client's
        // concurrent calls when its entry has just expired) wait for it instead of each asking again (issue 13)
        return Optional.ofNullable(recent.get(sha256(token)));
    }

    private Optional<AccountPrincipal> lookUp(String hash) {
        Instant now = clock.instant();
        return jdbc.sql("""
                        SELECT user_id FROM platform_api_token
                        WHERE token_hash = :hash AND revoked_at IS NULL AND expires_at > :now
                        """)
                .param("hash", hash).param("now", Timestamp.from(now)).query(Long.class).optional()
                .flatMap(accounts::findById)
                // a lock-out refuses new logins only: issued tokens stay valid (else anyone could cut a user off)
                .filter(AccountRepository.Account::active)
                .map(a -> new AccountPrincipal(accounts.currentUser(a), null, true, null, now));
    }

    /** Revokes one token (the caller's own). */
    @Transactional
    public boolean revoke(String token, CurrentUser by) {
        int n = jdbc.sql("""
                        UPDATE platform_api_token SET revoked_at = :now
                        WHERE token_hash = :hash AND user_id = :userId AND revoked_at IS NULL
                        """)
                .param("now", Timestamp.from(clock.instant())).param("hash", sha256(token)).param("userId", by.id())
                .update();
        recent.invalidate(sha256(token));
        if (n > 0) {
            audit.record("platform", "api-token", null, by.unitId(), "REVOKE", null, Map.of("userId", by.id()));
        }
        return n > 0;
    }

    /** Revokes every token of a user (e.g. on deactivation or by an administrator). */
    @Transactional
    public int revokeAll(long userId, Long unitId) {
        int n = jdbc.sql("UPDATE platform_api_token SET revoked_at = :now WHERE user_id = :userId AND revoked_at IS NULL")
                .param("now", Timestamp.from(clock.instant())).param("userId", userId).update();
        recent.asMap().values().removeIf(p -> p.currentUser().id() == userId);
        if (n > 0) {
            audit.record("platform", "api-token", null, unitId, "REVOKE_ALL", null, Map.of("userId", userId, "count", n));
        }
        return n;
    }

    /**
     * Revokes every token of a user but the one given (the caller's own, when it changes its password through
     * the API; null keeps none).
     */
    @Transactional
    public int revokeAllExcept(long userId, Long unitId, String keepToken) {
        String keep = keepToken == null ? "" : sha256(keepToken);
        int n = jdbc.sql("""
                        UPDATE platform_api_token SET revoked_at = :now
                        WHERE user_id = :userId AND revoked_at IS NULL AND token_hash <> :keep
                        """)
                .param("now", Timestamp.from(clock.instant())).param("userId", userId).param("keep", keep).update();
        recent.asMap().entrySet().removeIf(e -> e.getValue().currentUser().id() == userId && !e.getKey().equals(keep));
        if (n > 0) {
            audit.record("platform", "api-token", null, unitId, "REVOKE_ALL", null, Map.of("userId", userId, "count", n));
        }
        return n;
    }

    /** The bearer token of the current request, if it has one. */
    static String currentBearer() {
        return RequestInfo.current().map(r -> r.getHeader("Authorization"))
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7)).map(h -> h.substring(7).trim()).orElse(null);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
