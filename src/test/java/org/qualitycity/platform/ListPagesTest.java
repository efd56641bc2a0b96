package org.qualitycity.platform;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.qualitycity.enterprise.EnterpriseFixtures;
import org.qualitycity.spotcheck.SpotcheckFixtures;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.qualitycity.support.WebSession;
import org.qualitycity.task.TaskTestSupport;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, item 4 (lists): the shared pager (page numbers, go to page, page size, total, filters kept, only pages
 * that exist), exports of exactly the filtered list within the caller's scope, open and overdue items first.
 */
@QcIntegrationTest
class ListPagesTest {

    private static final Pattern HREF = Pattern.compile("href=\"([^\"]*)\"");
    private static final Pattern TOTAL = Pattern.compile("data-total=\"(\\d+)\"");
    private static final Pattern PAGE_PARAM = Pattern.compile("[?&]page=(-?\\d+)");

    @LocalServerPort
    int port;

    TestApi api() {
        return new TestApi(port);
    }

    static String html(String s) {
        return s.replace("&amp;", "&").replace("&#39;", "'").replace("&quot;", "\"");
    }

    static List<String> hrefs(String body) {
        List<String> out = new ArrayList<>();
        Matcher m = HREF.matcher(body);
        while (m.find()) {
            out.add(html(m.group(1)));
        }
        return out;
    }

    static long total(String body) {
        Matcher m = TOTAL.matcher(body);
        assertThat(m.find()).as("the pager shows the total").isTrue();
        return Long.parseLong(m.group(1));
    }

    /** The pager's links: those that go to a page of this list. */
    static List<String> pageLinks(String body) {
        int start = body.indexOf("qc-pager\"");
        assertThat(start).as("a pager").isPositive();
        String pager = body.substring(start, body.indexOf("</nav>", start));
        return hrefs(pager).stream().filter(h -> PAGE_PARAM.matcher(h).find()).toList();
    }

    static int pageOf(String href) {
        Matcher m = PAGE_PARAM.matcher(href);
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** The link of the element with this id, as a path for the session. */
    static String linkById(String body, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*href=\"([^\"]*)\"|href=\"([^\"]*)\"[^>]*id=\"" + id + "\"")
                .matcher(body);
        assertThat(m.find()).as("a link with id " + id).isTrue();
        String href = html(m.group(1) != null ? m.group(1) : m.group(2));
        return href.replaceFirst("^https?://[^/]+", "");
    }

    static List<List<String>> rows(byte[] xlsx) {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = wb.getSheetAt(0);
            DataFormatter f = new DataFormatter();
            List<List<String>> out = new ArrayList<>();
            for (Row row : sheet) {
                if (row.getRowNum() == 0) {
                    continue;
                }
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < row.getLastCellNum(); i++) {
                    cells.add(row.getCell(i) == null ? "" : f.formatCellValue(row.getCell(i)));
                }
                out.add(cells);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ the pager

    @Test
    void thePagerShowsNumbersAroundTheCurrentPageGoToAPageSizeAndTheTotalAndKeepsTheFilters() {
        WebSession web = WebSession.loggedIn(port, "admin");
        long all = total(web.get("/tasks?kind=MEASURE&size=3").body());
        int pages = (int) ((all + 2) / 3);
        assertThat(pages).as("enough measure tasks for a long pager").isGreaterThan(12);

        var p = web.get("/tasks?kind=MEASURE&size=3&page=6&sort=unit&dir=desc");
        assertThat(p.status()).isEqualTo(200);
        String body = p.body();
        assertThat(body).contains("aria-label=\"分页\"").contains("共 " + all + " 条");
        // the current page is marked, the first and the last are there, a window of two on each side, ellipses
        assertThat(body).containsPattern("aria-current=\"page\"[^>]*>7</a>");
        List<String> links = pageLinks(body);
        Set<Integer> numbers = new HashSet<>();
        links.forEach(h -> numbers.add(pageOf(h)));
        assertThat(numbers).contains(0, 4, 5, 6, 7, 8, pages - 1).doesNotContain(1, 2, 3, 9, 10);
        assertThat(numbers).allMatch(n -> n >= 0 && n < pages);
        assertThat(body.split("…", -1).length - 1).as("two gaps").isEqualTo(2);
        // every link keeps the filter, the sort and the page size
        assertThat(links).allMatch(h -> h.contains("kind=MEASURE") && h.contains("size=3") && h.contains("sort=unit")
                && h.contains("dir=desc"));
        // go to a page and choose the size: a form that keeps the filter and sort as hidden fields
        assertThat(body).contains("name=\"pageNo\"").containsPattern("id=\"qc-page-no\"[^>]*max=\"" + pages + "\"")
                .contains("<label for=\"qc-page-no\">跳至页</label>").contains("<label for=\"qc-page-size\">每页条数</label>")
                .contains("<input type=\"hidden\" name=\"kind\" value=\"MEASURE\">")
                .contains("<input type=\"hidden\" name=\"sort\" value=\"unit\">")
                .containsPattern("<option value=\"3\" selected=\"selected\">3</option>")
                .contains("<option value=\"100\">100</option>").contains("<option value=\"200\">200</option>")
                .doesNotContain("<option value=\"201\"");

        // the form's page number (from 1) becomes the list's page (from 0), every other parameter kept
        var jump = web.get("/tasks?kind=MEASURE&sort=unit&dir=desc&size=5&pageNo=3");
        assertThat(jump.status()).isEqualTo(302);
        assertThat(jump.location()).startsWith("/tasks?").contains("kind=MEASURE").contains("sort=unit")
                .contains("size=5").contains("page=2").doesNotContain("pageNo");
        var landed = web.get(jump.location());
        assertThat(landed.body()).containsPattern("aria-current=\"page\"[^>]*>3</a>");
        var first = web.get("/tasks/mine?state=ASSIGNED&pageNo=&size=50");
        assertThat(first.status()).isEqualTo(302);
        assertThat(first.location()).contains("state=ASSIGNED").contains("size=50").doesNotContain("page");
        for (String bad : List.of("0", "-1", "abc", "100002", "99999999999")) {
            assertThat(web.get("/tasks?pageNo=" + bad).status()).as(bad).isEqualTo(400);
        }
        // in English too
        var en = web.get("/tasks?kind=MEASURE&size=5&lang=en");
        assertThat(en.body()).contains("aria-label=\"Pages\"").contains(all + " records")
                .contains("<label for=\"qc-page-no\">Go to page</label>");
    }

    @Test
    void printingLeavesOutNavigationFiltersAndThePager() {
        WebSession web = WebSession.loggedIn(port, "admin");
        String page = web.get("/tasks").body();
        Matcher css = Pattern.compile("href=\"(/css/app[^\"]*\\.css)\"").matcher(page);
        assertThat(css.find()).isTrue();
        String stylesheet = web.get(css.group(1)).body();
        String print = stylesheet.substring(stylesheet.indexOf("@media print"));
        assertThat(print).contains(".qc-topbar", ".qc-sidebar", ".qc-pager", ".qc-main form[method=\"get\"]", "display: none")
                .contains("width: 100%").contains("text-decoration: none");
    }

    @Test
    void aPagePastTheEndLinksOnlyToPagesThatExist() {
        WebSession web = WebSession.loggedIn(port, "admin");
        for (String list : List.of("/tasks?size=5", "/enterprises?size=5", "/spotchecks/samples?size=5",
                "/complaints?size=5", "/indicators/warnings?year=2018&size=5")) {
            long all = total(web.get(list).body());
            int pages = (int) ((all + 4) / 5);
            for (int page : List.of(0, 1, pages - 1, pages, pages + 3, 5000)) {
                var p = web.get(list + "&page=" + page);
                assertThat(p.status()).as(list + " page " + page).isEqualTo(200);
                assertThat(pageLinks(p.body())).as(list + " page " + page)
                        .allMatch(h -> pageOf(h) >= 0 && pageOf(h) < Math.max(1, pages));
            }
        }
    }

    // ------------------------------------------------------------------ exports of the filtered list

    /** The export linked from the list page holds exactly the rows of the filtered list, of every page. */
    private List<List<String>> exportOf(WebSession web, String list, String exportId, boolean morethanOnePage) {
        var page = web.get(list);
        assertThat(page.status()).as(list).isEqualTo(200);
        long shown = total(page.body());
        if (morethanOnePage) {
            assertThat(shown).as(list + ": more than one page").isGreaterThan(5);
        }
        var download = web.download(linkById(page.body(), exportId));
        assertThat(download.status()).as(list).isEqualTo(200);
        assertThat(download.contentType()).contains("spreadsheetml");
        List<List<String>> rows = rows(download.body());
        assertThat(rows).as(list + " exported").hasSize((int) shown);
        return rows;
    }

    @Test
    void everyExportHoldsExactlyTheFilteredRowsOfEveryPage() {
        WebSession admin = WebSession.loggedIn(port, "admin");
        exportOf(admin, "/tasks?kind=MEASURE&size=5", "task-export", true);
        exportOf(admin, "/enterprises?unit=421222&size=5", "enterprise-export", true);
        List<List<String>> failed = exportOf(admin, "/spotchecks/samples?verdict=FAIL&size=5", "samples-export", true);
        assertThat(failed).allMatch(r -> r.get(r.size() - 1).equals("不合格"));
        List<List<String>> notMet = exportOf(admin, "/indicators/warnings?year=2018&status=NOT_MET&size=5",
                "warnings-export", true);
        assertThat(notMet).allMatch(r -> r.get(0).equals("未达标"));
        exportOf(admin, "/complaints?district=421222&type=REPORT&size=5", "export", true);
        exportOf(admin, "/spotchecks/follow-ups?size=5", "follow-ups-export", false);
        exportOf(admin, "/spotchecks/follow-ups?overdue=true&size=5", "follow-ups-export", false);

        exportOf(WebSession.loggedIn(port, "secadmin"), "/login-log?username=admin&size=5", "login-log-export", true);

        exportOf(admin, "/jobs?size=5", "jobs-export", false);

        // 我的任务: the export holds my tasks as filtered, not every task in my scope
        WebSession tongcheng = WebSession.loggedIn(port, "tongcheng");
        long inScope = total(tongcheng.get("/tasks?size=5").body());
        List<List<String>> mine = exportOf(tongcheng, "/tasks/mine?size=5", "task-export", false);
        assertThat((long) mine.size()).as("my tasks are fewer than those in my scope").isLessThan(inScope);
        exportOf(tongcheng, "/notifications?size=5", "notifications-export", false);
        exportOf(tongcheng, "/notifications?unread=true&size=5", "notifications-export", false);
        List<List<String>> mineOverdue = exportOf(tongcheng, "/tasks/mine?overdue=true&size=5", "task-export", false);
        assertThat(mineOverdue).allMatch(r -> r.get(r.size() - 1).equalsIgnoreCase("true"));
    }

    @Test
    void exportsKeepToTheCallersScope() {
        TestApi api = api();
        // a district officer: the enterprises, samples and warnings of its own district only
        WebSession tongcheng = WebSession.loggedIn(port, "tongcheng");
        List<List<String>> enterprises = exportOf(tongcheng, "/enterprises?size=5", "enterprise-export", false);
        assertThat(enterprises).isNotEmpty().allMatch(r -> r.get(2).equals("通城县"));
        List<List<String>> samples = exportOf(tongcheng, "/spotchecks/samples?size=5", "samples-export", false);
        assertThat(samples).allMatch(r -> r.get(2).equals("通城县"));
        List<List<String>> warnings = exportOf(tongcheng, "/indicators/warnings?year=2018&size=5", "warnings-export",
                false);
        assertThat(warnings).allMatch(r -> r.get(3).equals("通城县"));
        assertThat(tongcheng.download("/api/v1/spotchecks/samples/export?unit=421281").status()).isEqualTo(404);
        assertThat(tongcheng.download("/api/v1/enterprises/export?unit=421281").status()).isEqualTo(404);
        assertThat(rows(tongcheng.download("/api/v1/early-warnings/export?year=2018&unitCode=421281").body())).isEmpty();

        // an enterprise account: its own samples only
        String qiye = api.token("qiye");
        JsonNode own = api.get("/api/v1/spotchecks/samples?size=200", qiye).json();
        byte[] xlsx = api.getBytes("/api/v1/spotchecks/samples/export", qiye);
        List<List<String>> qiyeRows = rows(xlsx);
        assertThat((long) qiyeRows.size()).isEqualTo(own.get("total").asLong());
        Set<String> codes = new HashSet<>();
        own.get("items").forEach(s -> codes.add(s.get("enterpriseCreditCode").asText()));
        assertThat(codes).hasSizeLessThanOrEqualTo(1);
        assertThat(qiyeRows).allMatch(r -> codes.contains(r.get(4)));
    }

    // ------------------------------------------------------------------ open and overdue first

    @Test
    void openAndOverdueTasksComeFirstByDefault() {
        TestApi api = api();
        String tag = "排序测试-" + System.nanoTime();
        // closed, with the earliest deadline of all: a plain deadline order would put it first
        long closed = TaskTestSupport.createTask(api, "421222", tag + "-已办结", LocalDate.of(2001, 1, 2));
        assertThat(TaskTestSupport.act(api, closed, "admin", "ASSIGN", null, null, null).status()).isEqualTo(200);
        assertThat(TaskTestSupport.act(api, closed, "tongcheng", "ACKNOWLEDGE", null, null, null).status()).isEqualTo(200);
        assertThat(TaskTestSupport.act(api, closed, "tongcheng", "PROGRESS", 100, "完成", null).status()).isEqualTo(200);
        long evidence = TaskTestSupport.upload(api, "tongcheng", closed, "佐证.pdf");
        assertThat(TaskTestSupport.act(api, closed, "tongcheng", "FEEDBACK", null, "已完成", List.of(evidence)).status())
                .isEqualTo(200);
        assertThat(TaskTestSupport.act(api, closed, "admin", "REVIEW", null, null, null).status()).isEqualTo(200);
        var close = TaskTestSupport.act(api, closed, "admin", "CLOSE", null, null, null);
        assertThat(close.json().get("state").asText()).as(close.toString()).isEqualTo("CLOSED");
        long open = TaskTestSupport.createTask(api, "421222", tag + "-未办结", LocalDate.of(2001, 1, 3));

        JsonNode items = api.get("/api/v1/tasks?measure=M04.1&size=200", api.token("admin")).json().get("items");
        List<Long> ids = new ArrayList<>();
        boolean closedSeen = false;
        LocalDate previous = null;
        for (JsonNode t : items) {
            ids.add(t.get("id").asLong());
            boolean isClosed = "CLOSED".equals(t.get("state").asText());
            assertThat(!isClosed && closedSeen).as("an open task after a closed one").isFalse();
            closedSeen |= isClosed;
            LocalDate deadline = LocalDate.parse(t.get("deadline").asText());
            if (!isClosed && previous != null) {
                assertThat(deadline).as("open tasks by deadline").isAfterOrEqualTo(previous);
            }
            previous = isClosed ? previous : deadline;
        }
        assertThat(ids).contains(open, closed);
        assertThat(ids.get(0)).as("the most overdue open task first").isEqualTo(open);
        // the page too: the overdue task first, marked
        String page = WebSession.loggedIn(port, "admin").get("/tasks?measure=M04.1").body();
        assertThat(page.indexOf(tag + "-未办结")).isPositive().isLessThan(page.indexOf(tag + "-已办结"));
    }

    @Test
    void samplesWaitingForAResultComeFirstByDefault() {
        TestApi api = api();
        String admin = api.token("admin");
        String code = EnterpriseFixtures.create(api, "421222", "排序测试企业");
        String batch = "SORT-" + System.nanoTime();
        long done = SpotcheckFixtures.create(api, admin, SpotcheckFixtures.sample(code, "SUPERVISION", "FOOD-OIL",
                batch + "-1", api.today().minusDays(3).toString()));
        SpotcheckFixtures.record(api, admin, done, true);
        long waiting = SpotcheckFixtures.create(api, admin, SpotcheckFixtures.sample(code, "SUPERVISION", "FOOD-OIL",
                batch + "-2", api.today().minusDays(10).toString()));
        long newer = SpotcheckFixtures.create(api, admin, SpotcheckFixtures.sample(code, "SUPERVISION", "FOOD-OIL",
                batch + "-3", api.today().minusDays(1).toString()));
        SpotcheckFixtures.record(api, admin, newer, true);

        JsonNode items = api.get("/api/v1/spotchecks/samples?q=" + batch, admin).json().get("items");
        List<Long> ids = new ArrayList<>();
        items.forEach(s -> ids.add(s.get("id").asLong()));
        // the one waiting first; then the others, newest first
        assertThat(ids).containsExactly(waiting, newer, done);
        JsonNode bySampled = api.get("/api/v1/spotchecks/samples?q=" + batch + "&sort=sampledOn&dir=desc", admin)
                .json().get("items");
        assertThat(bySampled.get(0).get("id").asLong()).isEqualTo(newer);
    }
}
