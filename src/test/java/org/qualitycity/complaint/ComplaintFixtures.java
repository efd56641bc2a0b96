package org.qualitycity.complaint;

import org.qualitycity.support.TestApi;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Submissions for tests: every call uses a fresh phone number, so that the per-phone limit never interferes. */
public final class ComplaintFixtures {

    private static final AtomicInteger PHONE = new AtomicInteger((int) (System.nanoTime() % 1_000_000));

    private ComplaintFixtures() {
    }

    public static String freshPhone() {
        return String.format("139%08d", PHONE.incrementAndGet() % 100_000_000);
    }

    public static Map<String, Object> complaint(String district, String respondent, String phone) {
        Map<String, Object> m = new HashMap<>();
        m.put("type", "COMPLAINT");
        m.put("category", "GOODS");
        m.put("subcategory", "家用电器");
        m.put("respondentName", respondent);
        m.put("respondentAddress", "解放路1号");
        m.put("district", district);
        m.put("facts", "购买的电热水器使用一周后漏水，商家拒绝退换。");
        m.put("request", "退货退款");
        m.put("amount", 1999);
        m.put("name", "张三丰");
        m.put("phone", phone);
        m.put("idNumber", "42122219800101123X");
        m.put("address", "通城县隽水镇某小区3栋");
        return m;
    }

    /** Submits through the public API and returns the receipt. */
    public static TestApi.Response submit(TestApi api, Map<String, Object> body) {
        return api.post("/api/v1/public/complaints", body, null);
    }

    public static long idOf(TestApi api, String trackingCode) {
        var r = api.get("/api/v1/complaints?q=" + trackingCode, api.token("admin"));
        return r.json().get("items").get(0).get("id").asLong();
    }

    public static TestApi.Response act(TestApi api, long id, Map<String, Object> action, String token) {
        return api.post("/api/v1/complaints/" + id + "/actions", action, token);
    }
}
