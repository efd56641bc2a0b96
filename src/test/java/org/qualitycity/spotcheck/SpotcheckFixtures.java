package org.qualitycity.spotcheck;

import org.qualitycity.support.TestApi;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Samples and results through the API. */
public final class SpotcheckFixtures {

    private SpotcheckFixtures() {
    }

    public static Map<String, Object> sample(String creditCode, String type, String category, String batch,
                                             String sampledOn) {
        Map<String, Object> m = new HashMap<>();
        m.put("enterpriseCreditCode", creditCode);
        m.put("inspectionType", type);
        m.put("categoryCode", category);
        m.put("product", "测试产品");
        m.put("batchNo", batch);
        m.put("samplers", List.of("抽样员甲", "抽样员乙"));
        m.put("sampledOn", sampledOn);
        m.put("place", "企业成品库");
        return m;
    }

    public static long create(TestApi api, String token, Map<String, Object> sample) {
        var r = api.post("/api/v1/spotchecks/samples", sample, token);
        if (r.status() != 201) {
            throw new IllegalStateException(r.toString());
        }
        return r.json().get("id").asLong();
    }

    public static Map<String, Object> result(String lab, boolean pass) {
        return Map.of("lab", lab, "items", List.of(
                Map.of("item", "菌落总数", "clause", "GB 7099-2015 3.4", "requirement", "≤10⁵ CFU/g", "measured", "3.2×10³",
                        "verdict", "PASS"),
                Map.of("item", "酸价", "clause", "GB 7099-2015 3.3", "requirement", "≤5 mg/g",
                        "measured", pass ? "2.1" : "7.8", "verdict", pass ? "PASS" : "FAIL")));
    }

    public static TestApi.Response record(TestApi api, String token, long id, boolean pass) {
        var r = api.post("/api/v1/spotchecks/samples/" + id + "/result", result("咸宁市产品质量监督检验所", pass), token);
        if (r.status() != 200) {
            throw new IllegalStateException(r.toString());
        }
        return r;
    }
}
