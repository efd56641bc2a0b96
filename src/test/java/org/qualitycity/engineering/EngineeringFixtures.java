package org.qualitycity.engineering;

import org.qualitycity.support.TestApi;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test records of the engineering module: fresh districts and projects. */
public final class EngineeringFixtures {

    private EngineeringFixtures() {
    }

    /** A fresh district under the city, as the city administrator; returns its code. */
    public static String district(TestApi api, String nameZh) {
        String code = "EQ-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        var r = api.post("/api/v1/units", Map.of("code", code, "nameZh", nameZh, "nameEn", "Engineering test " + code,
                "kind", "DISTRICT", "parentCode", "421200"), api.token("admin"));
        if (r.status() != 201) {
            throw new IllegalStateException(r.toString());
        }
        return code;
    }

    /** The body of a new project; {@code extra} overrides or adds fields. */
    public static Map<String, Object> project(String unit, String kind, int investment, Map<String, Object> extra) {
        Map<String, Object> p = new HashMap<>();
        p.put("projectNo", "XM-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase());
        p.put("name", "测试工程 " + p.get("projectNo"));
        p.put("unitCode", unit);
        p.put("kind", kind);
        p.put("investment", investment);
        p.put("floorArea", 1000);
        p.put("latitude", 29.85);
        p.put("longitude", 114.3);
        p.put("participants", List.of());
        p.putAll(extra);
        return p;
    }

    /** Registers a project as {@code token} and returns its id. */
    public static long create(TestApi api, String token, Map<String, Object> body) {
        var r = api.post("/api/v1/projects", body, token);
        if (r.status() != 201) {
            throw new IllegalStateException(r.toString());
        }
        return r.json().get("id").asLong();
    }

    /** Records a completion acceptance; returns the answer. */
    public static TestApi.Response accept(TestApi api, String token, long project, String date, boolean passed) {
        return api.post("/api/v1/projects/" + project + "/acceptances", Map.of("acceptedOn", date, "passed", passed), token);
    }
}
