package org.qualitycity.support;

import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** multipart/form-data requests for the tests: with a bearer token (API) or a browser session (pages). */
public final class Multipart {

    public record Part(String filename, byte[] bytes, String contentType) {
    }

    private final HttpClient http;
    private final String base;
    private String csrf;

    private Multipart(String base, boolean session) {
        this.base = base;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER);
        if (session) {
            b.cookieHandler(new CookieManager());
        }
        this.http = b.build();
    }

    public static Multipart api(TestApi api) {
        return new Multipart(api.base(), false);
    }

    /** A browser session logged in by the form, keeping the CSRF token of the last page. */
    public static Multipart browser(TestApi api, String username) {
        Multipart m = new Multipart(api.base(), true);
        m.page("/login");
        HttpResponse<String> r = m.send(HttpRequest.newBuilder(URI.create(m.base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password="
                        + URLEncoder.encode(TestApi.DEMO_PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + m.csrf)),
                HttpResponse.BodyHandlers.ofString());
        String location = r.headers().firstValue("Location").orElse("");
        String code = TestApi.totp(m.base, username);
        if (code != null && location.endsWith("/login/totp")) {
            // a demo administrator: the second step with its TOTP code
            m.page("/login/totp");
            r = m.send(HttpRequest.newBuilder(URI.create(m.base + "/login/totp"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("code=" + code + "&_csrf=" + m.csrf)),
                    HttpResponse.BodyHandlers.ofString());
            location = r.headers().firstValue("Location").orElse("");
        }
        if (r.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("login of " + username + " failed: " + r.statusCode() + " " + location);
        }
        return m;
    }

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*content=\"([^\"]+)\"|name=\"_csrf\" value=\"([^\"]+)\"");

    /** GET a page of the session (and remember its CSRF token). */
    public HttpResponse<String> page(String path) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + path)).GET(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = CSRF.matcher(r.body());
        if (m.find()) {
            csrf = m.group(1) != null ? m.group(1) : m.group(2);
        }
        return r;
    }

    public HttpResponse<byte[]> bytes(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** POST multipart from the session's page form, with its CSRF token as a form field. */
    public HttpResponse<String> postForm(String path, Map<String, ?> fields) {
        Map<String, Object> all = new LinkedHashMap<>(fields);
        all.put("_csrf", csrf);
        return postRaw(path, all, null);
    }

    /** POST multipart to the API with a bearer token; values are Strings or {@link Part}s. */
    public TestApi.Response post(String path, Map<String, ?> fields, String token) {
        HttpResponse<String> r = postRaw(path, fields, token);
        JsonNode json = null;
        if (r.headers().firstValue("Content-Type").orElse("").contains("json") && !r.body().isEmpty()) {
            json = TestApi.JSON.readTree(r.body());
        }
        return new TestApi.Response(r.statusCode(), r.body(), json, r.headers());
    }

    private HttpResponse<String> postRaw(String path, Map<String, ?> fields, String token) {
        String boundary = "----qc" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            for (Map.Entry<String, ?> e : fields.entrySet()) {
                body.write(("--" + boundary + "\r\n").getBytes(StandardCharsets.UTF_8));
                if (e.getValue() instanceof Part p) {
                    body.write(("Content-Disposition: form-data; name=\"" + e.getKey() + "\"; filename=\""
                            + p.filename() + "\"\r\nContent-Type: " + p.contentType() + "\r\n\r\n")
                            .getBytes(StandardCharsets.UTF_8));
                    body.write(p.bytes());
                } else {
                    body.write(("Content-Disposition: form-data; name=\"" + e.getKey() + "\"\r\n\r\n" + e.getValue())
                            .getBytes(StandardCharsets.UTF_8));
                }
                body.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", token != null ? "application/json" : "text/html")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b, HttpResponse.BodyHandlers.ofString());
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder b, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(b.build(), handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
