package org.qualitycity.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser-like session for page tests: cookies, form login, and form posts that carry the CSRF
 * token taken from the last page, exactly as a browser would send them. Redirects are not followed,
 * so tests can check them.
 */
public class WebSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*content=\"([^\"]+)\"|name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient http;
    private final String base;
    private String csrf;

    public record Page(int status, String body, String location) {
    }

    public WebSession(int port) {
        this.base = "http://localhost:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public static WebSession loggedIn(int port, String username) {
        return loggedIn(port, username, TestApi.DEMO_PASSWORD);
    }

    /** A session signed in with a password (and, for a demo administrator, its TOTP code). */
    public static WebSession loggedIn(int port, String username, String password) {
        WebSession s = new WebSession(port);
        Page p = s.login(username, password);
        if (p.location() == null || p.location().contains("error") || p.location().contains("locked")) {
            throw new IllegalStateException("form login of " + username + " failed: " + p.location());
        }
        return s;
    }

    /**
     * Form login; for a demo administrator (see {@link TestApi#DEMO_TOTP_SECRETS}) also the second step with the
     * TOTP code of the test application's clock. Answers the last response (a redirect to "/" when signed in).
     */
    public Page login(String username, String password) {
        get("/login");
        Page p = postForm("/login", Map.of("username", username, "password", password));
        String code = TestApi.totp(base, username);
        if (code != null && p.location() != null && p.location().endsWith("/login/totp")) {
            get("/login/totp");
            return postForm("/login/totp", Map.of("code", code));
        }
        return p;
    }

    public Page get(String path) {
        Page p = send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        Matcher m = CSRF.matcher(p.body());
        if (m.find()) {
            csrf = m.group(1) != null ? m.group(1) : m.group(2);
        }
        return p;
    }

    /** A GET with the given Accept header (a browser sends text/html first), also keeping the CSRF token. */
    public Page get(String path, String accept) {
        Page p = send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept).GET());
        Matcher m = CSRF.matcher(p.body());
        if (m.find()) {
            csrf = m.group(1) != null ? m.group(1) : m.group(2);
        }
        return p;
    }

    public Page postForm(String path, Map<String, ?> fields) {
        Map<String, Object> all = new LinkedHashMap<>(fields);
        if (csrf != null) {
            all.put("_csrf", csrf);
        }
        String body = all.entrySet().stream().flatMap(e -> {
            Object v = e.getValue();
            List<?> values = v instanceof List<?> l ? l : List.of(v);
            return values.stream().map(x -> enc(e.getKey()) + "=" + enc(String.valueOf(x)));
        }).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A file upload as a browser's multipart form sends it (field "file"), the CSRF token of the last page in its header. */
    public Page postFile(String path, String fileName, byte[] content) {
        String boundary = "----qcweb" + Long.toHexString(System.nanoTime());
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (csrf != null) {
            b.header("X-CSRF-TOKEN", csrf);
        }
        return send(b);
    }

    /** A download (e.g. an Excel export): the status, the content type and the bytes. */
    public record Download(int status, String contentType, byte[] body) {
    }

    public Download download(String path) {
        try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Download(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Posts without any CSRF token, as a forged cross-site form would. */
    public Page postFormWithoutCsrf(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Page send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Page(r.statusCode(), r.body(), r.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An answer with its content type (issue 12 dash: error pages for browsers). */
    public record Answer(int status, String contentType, String body) {
    }

    /**
     * Any method with the given Accept header (and, for a body, its content type), the session's cookies and its
     * CSRF token as the header that Spring Security reads; redirects are not followed.
     */
    public Answer exchange(String method, String path, String accept, String contentType, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (csrf != null) {
            b.header("X-CSRF-TOKEN", csrf);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
