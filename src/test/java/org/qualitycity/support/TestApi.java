package org.qualitycity.support;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real HTTP client for the JSON API of the running test application: no mocks between the test and
 * the server. Tokens are fetched once per demo user.
 */
public class TestApi {

    public static final String DEMO_PASSWORD = "Demo@2026";
    /**
     * The fixed TOTP secrets of the demo administrators (README, demo accounts): accounts that must log in with a
     * second factor. Every helper that logs in ({@link #token}, {@link WebSession#login}, {@link Browser#login})
     * sends the code of the test application's clock for these.
     */
    public static final Map<String, String> DEMO_TOTP_SECRETS = Map.of(
            "admin", "QCDEMOCITYADMINTOTPKEYAAAAAAAAAA",
            "sysadmin", "QCDEMOSYSADMINTOTPKEYAAAAAAAAAAA",
            "secadmin", "QCDEMOSECADMINTOTPKEYAAAAAAAAAAA",
            "auditadmin", "QCDEMOAUDITADMINTOTPKEYAAAAAAAAA");
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    public TestApi(int port) {
        this.base = "http://localhost:" + port;
    }

    public String base() {
        return base;
    }

    /** Today by the clock of the application this talks to (tests never read the machine's date). */
    public java.time.LocalDate today() {
        return MutableClock.today(URI.create(base).getPort());
    }

    /** A response: status, raw body, parsed JSON (or null), headers. */
    public record Response(int status, String body, JsonNode json, java.net.http.HttpHeaders headers) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /**
     * The current TOTP code of a demo administrator by the clock of the test application at {@code baseUrl}
     * (any URL of it), or null for users without a second factor.
     */
    public static String totp(String baseUrl, String username) {
        String secret = DEMO_TOTP_SECRETS.get(username);
        return secret == null ? null
                : org.qualitycity.platform.internal.Totp.code(secret, MutableClock.now(URI.create(baseUrl).getPort()));
    }

    /** The body of a token request for a demo user, with the TOTP code where the account needs one. */
    public Map<String, String> loginBody(String username, String password) {
        String code = totp(base(), username);
        return code == null ? Map.of("username", username, "password", password)
                : Map.of("username", username, "password", password, "totp", code);
    }

    /** A fresh (uncached) token request for a user with a password: answers the raw response. */
    public Response login(String username, String password) {
        return post("/api/v1/auth/token", loginBody(username, password), null);
    }

    /** A bearer token for a demo user (cached for the whole run). */
    public String token(String username) {
        return TOKENS.computeIfAbsent(username, u -> {
            Response r = login(u, DEMO_PASSWORD);
            if (r.status() != 200) {
                throw new IllegalStateException("login of " + u + " failed: " + r);
            }
            return r.json().get("token").asText();
        });
    }

    /**
     * A new bearer token for a demo user, not cached: for an application other than the shared test one (a
     * child JVM, a restarted context), whose tokens the cache of {@link #token} does not hold. Such an application
     * runs on the real clock, so the TOTP code of an administrator is computed from it.
     */
    public String freshToken(String username) {
        Response r = post("/api/v1/auth/token", loginBody(username, DEMO_PASSWORD), null);
        if (r.status() != 200) {
            throw new IllegalStateException("login of " + username + " failed: " + r);
        }
        return r.json().get("token").asText();
    }

    public Response get(String path, String token) {
        return send("GET", path, null, token, null);
    }

    public Response post(String path, Object body, String token) {
        return send("POST", path, body == null ? null : JSON.writeValueAsString(body), token, "application/json");
    }

    public Response postRaw(String path, String raw, String token) {
        return send("POST", path, raw, token, "application/json");
    }

    public Response put(String path, Object body, String token) {
        return send("PUT", path, body == null ? null : JSON.writeValueAsString(body), token, "application/json");
    }

    public Response putRaw(String path, String raw, String token) {
        return send("PUT", path, raw, token, "application/json");
    }

    public Response delete(String path, String token) {
        return send("DELETE", path, null, token, null);
    }

    public Response send(String method, String path, String body, String token, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null && body != null) {
            b.header("Content-Type", contentType);
        }
        b.header("Accept", contentType == null && body == null && path.startsWith("/actuator/prometheus")
                ? "text/plain" : "application/json");
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            String ct = r.headers().firstValue("Content-Type").orElse("");
            if (ct.contains("json") && !r.body().isEmpty()) {
                json = JSON.readTree(r.body());
            }
            return new Response(r.statusCode(), r.body(), json, r.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public byte[] getBytes(String path, String token) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .GET().build();
        try {
            HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + r.statusCode());
            }
            return r.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
