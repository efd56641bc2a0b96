package org.qualitycity.platform;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.WebSession;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 (one language per screen, names not codes): each role's main pages and the records they link to,
 * in Chinese and in English, show names where names exist — no element codes, unit codes standing alone, task
 * keys, JSON, "12/15/20" dates, "2,018" years or "3.000000" values — and the English pages show no Chinese
 * in the names this issue translated.
 */
@QcIntegrationTest
class NamesNotCodesTest {

    @LocalServerPort
    int port;

    /** Raw codes that must not be visible text where a name exists. */
    static final Map<String, Pattern> RAW = Map.of(
            "element code", Pattern.compile("\\b[A-Z]\\d+[a-z]?_[A-Z][A-Z_]+\\b"),
            "unit code alone", Pattern.compile("(?<![\\w./:-])4212\\d\\d(?![\\w./:-])"),
            "task key", Pattern.compile("\\b[RWD]:[\\w-]+:[\\w.]+(:\\w+)+"),
            "JSON", Pattern.compile("\\{\\s*\"\\w+\"\\s*:"),
            "US short date", Pattern.compile("\\b\\d{1,2}/\\d{1,2}/\\d{2}\\b"),
            "year with separator", Pattern.compile("\\b[12],\\d{3}(?![\\d,])"),
            "trailing zeros", Pattern.compile("\\b\\d+\\.\\d*0{3,}\\b"));

    static final Pattern HAN = Pattern.compile("\\p{IsHan}");

    static final int MAX_PAGES = 70;

    /** Links not followed: downloads, API, logout, public forms, language switches. */
    static final Pattern SKIP = Pattern.compile(
            "^/(api|api-docs|swagger|logout|webjars|css|js|img|actuator|v3)\\b|\\.(xlsx|docx|pdf|csv|json|png|svg)|/export|/download|/files/\\d|lang=|page=[1-9]");

    record Finding(String user, String lang, String path, String what, String text) {
    }

    @Test
    void mainPagesShowNamesNotCodesInEitherLanguage() throws IOException {
        List<Finding> findings = new ArrayList<>();
        for (String user : List.of("admin", "tongcheng", "qiye", "auditadmin", "secadmin")) {
            for (String lang : List.of("zh-CN", "en")) {
                crawl(user, lang, findings);
            }
        }
        findings.forEach(f -> System.out.println("FINDING " + f));
        assertThat(findings).isEmpty();
    }

    private void crawl(String user, String lang, List<Finding> findings) throws IOException {
        WebSession s = WebSession.loggedIn(port, user);
        s.get("/?lang=" + lang);
        Deque<String> queue = new ArrayDeque<>(List.of("/"));
        Set<String> seen = new LinkedHashSet<>(queue);
        Map<String, Integer> perShape = new HashMap<>();
        Path dump = Path.of("target/names-pages", user, lang);
        Files.createDirectories(dump);
        int fetched = 0;
        while (!queue.isEmpty() && fetched < MAX_PAGES) {
            String path = queue.poll();
            WebSession.Page p = s.get(path);
            fetched++;
            if (p.status() != 200 || p.body() == null || !p.body().contains("<html")) {
                continue;
            }
            Files.writeString(dump.resolve(path.replaceAll("[^\\w.-]", "_") + ".html"), p.body());
            Document doc = Jsoup.parse(p.body());
            check(user, lang, path, doc, findings);
            for (Element a : doc.select("a[href]")) {
                String href = a.attr("href");
                if (!href.startsWith("/") || href.startsWith("//") || SKIP.matcher(href).find()) {
                    continue;
                }
                href = href.replaceAll("#.*", "");
                String shape = href.replaceAll("\\?.*", "").replaceAll("\\d+", "N").replaceAll("[A-Z][A-Z0-9_]+", "C");
                if (seen.add(href) && perShape.merge(shape, 1, Integer::sum) <= 2) {
                    queue.add(href);
                }
            }
        }
        s.get("/?lang=zh-CN");
    }

    private static void check(String user, String lang, String path, Document doc, List<Finding> findings) {
        doc.select("script, style, textarea, input, select option[value=''], .user-text, code, pre, [data-free-text]")
                .remove();
        Element main = doc.selectFirst("main");
        Element scope = main != null ? main : doc.body();
        if (scope == null) {
            return;
        }
        String text = scope.text();
        RAW.forEach((what, pattern) -> {
            Matcher m = pattern.matcher(text);
            if (m.find()) {
                int from = Math.max(0, m.start() - 40);
                findings.add(new Finding(user, lang, path, what,
                        text.substring(from, Math.min(text.length(), m.end() + 40))));
            }
        });
        if (lang.equals("en")) {
            for (Element named : scope.select("[data-name], .qc-name")) {
                if (HAN.matcher(named.text()).find()) {
                    findings.add(new Finding(user, lang, path, "Chinese name on an English page", named.text()));
                }
            }
        }
    }
}
