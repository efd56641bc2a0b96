package org.qualitycity.platform;

import org.junit.jupiter.api.Test;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.WebSession;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, acceptance 4: static resources are linked with a content hash in their URL, answer with a
 * one-year immutable cache, and text is sent compressed; the heavy charts library is the reduced build.
 */
@QcIntegrationTest
class StaticResourcesTest {

    private static final Pattern LOCAL_RESOURCE = Pattern.compile("(?:src|href|data-echarts|data-geo)=\"(/(?:webjars|css|js|vendor|geo)/[^\"]+)\"");
    private static final Pattern HASHED = Pattern.compile("-[0-9a-f]{32}\\.[a-z]+$");

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyResourceLinkedFromPagesCarriesAContentHashAndIsCachedForAYear() throws Exception {
        WebSession admin = WebSession.loggedIn(port, "admin");
        List<String> urls = new ArrayList<>();
        for (String page : List.of("/", "/indicators/dashboard", "/tasks", "/complaints")) {
            urls.addAll(resources(admin.get(page).body()));
        }
        urls.addAll(resources(get("/login", null).bodyText()));
        assertThat(urls).as("resources linked from the pages").isNotEmpty()
                .anyMatch(u -> u.startsWith("/webjars/bootstrap/"))
                .anyMatch(u -> u.startsWith("/vendor/echarts-qc.min"))
                .anyMatch(u -> u.startsWith("/geo/"));
        for (String url : urls.stream().distinct().toList()) {
            assertThat(url).as("URL of a static resource carries its content hash").containsPattern(HASHED);
            Answer a = get(url, "gzip");
            assertThat(a.status()).as(url).isEqualTo(200);
            assertThat(a.header("Cache-Control")).as(url)
                    .contains("max-age=31536000").contains("public").contains("immutable");
            assertThat(a.header("Pragma")).as(url).isNull();
        }
    }

    @Test
    void textIsCompressedAndTheChartsLibraryIsThePrecompressedReducedBuild() throws Exception {
        String dashboard = WebSession.loggedIn(port, "admin").get("/indicators/dashboard").body();
        String echarts = resources(dashboard).stream().filter(u -> u.startsWith("/vendor/echarts-qc.min")).findFirst()
                .orElseThrow();
        // the dashboard does not make the browser wait for the charts library before the page is ready
        assertThat(dashboard).doesNotContain("<script src=\"" + echarts);

        Answer plain = get(echarts, null);
        assertThat(plain.header("Content-Encoding")).isNull();
        assertThat(plain.body().length).as("reduced build, not the 1 MB full ECharts").isBetween(100_000, 800_000);

        // "br" alone: the resource chain caches the resolved file per set of codings (not per order of preference),
        // so after a browser that lists gzip first has asked for "gzip, deflate, br", "br, gzip" may get the gzip file
        Answer br = get(echarts, "br");
        assertThat(br.header("Content-Encoding")).isEqualTo("br");
        assertThat(br.header("Vary")).contains("Accept-Encoding");
        assertThat(br.body().length).isLessThan(plain.body().length / 3);

        Answer gz = get(echarts, "gzip");
        assertThat(gz.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(gunzip(gz.body())).isEqualTo(plain.body());

        String css = resources(dashboard).stream().filter(u -> u.startsWith("/webjars/bootstrap/") && u.contains("/css/bootstrap")).findFirst().orElseThrow();
        Answer cssGz = get(css, "gzip");
        assertThat(cssGz.header("Content-Encoding")).as("CSS compressed by the server").isEqualTo("gzip");
        assertThat(new String(gunzip(cssGz.body()))).contains("Bootstrap");

        String geo = resources(dashboard).stream().filter(u -> u.startsWith("/geo/")).findFirst().orElseThrow();
        Answer geoGz = get(geo, "gzip");
        assertThat(geoGz.header("Content-Type")).startsWith("application/geo+json");
        assertThat(geoGz.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(new String(gunzip(geoGz.body()))).contains("FeatureCollection");

        Answer login = get("/login", "gzip");
        assertThat(login.header("Content-Encoding")).as("pages compressed").isEqualTo("gzip");
        assertThat(login.header("Cache-Control")).as("pages are not cached").contains("no-store");
    }

    @Test
    void aChangedOrUnknownHashIsNotServed() throws Exception {
        assertThat(get("/js/app-0123456789abcdef0123456789abcdef.js", null).status()).isEqualTo(404);
    }

    private static List<String> resources(String html) {
        List<String> found = new ArrayList<>();
        Matcher m = LOCAL_RESOURCE.matcher(html);
        while (m.find()) {
            found.add(m.group(1).replace("&amp;", "&"));
        }
        return found;
    }

    private record Answer(int status, byte[] body, java.net.http.HttpHeaders headers) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String bodyText() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private Answer get(String path, String acceptEncoding) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (acceptEncoding != null) {
            b.header("Accept-Encoding", acceptEncoding);
        }
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(r.statusCode(), r.body(), r.headers());
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }
}
