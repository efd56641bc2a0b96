package org.qualitycity.task;

import org.qualitycity.support.TestApi;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Helpers of the task tests: tasks created through the API (never the generated ones), evidence uploads. */
public final class TaskTestSupport {

    private TaskTestSupport() {
    }

    public static byte[] pdf() {
        return ("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                + "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** A sub-task of the measure task M04.1 for the given unit, created by the city administrator. */
    public static long createTask(TestApi api, String unitCode, String title, LocalDate deadline) {
        JsonNode parent = api.get("/api/v1/tasks?measure=M04.1&kind=MEASURE", api.token("admin")).json();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("parentId", parent.get("items").get(0).get("id").asLong());
        body.put("title", title);
        body.put("leadUnit", unitCode);
        body.put("coUnits", List.of());
        body.put("deadline", deadline.toString());
        body.put("deliverables", "测试交付物");
        TestApi.Response r = api.post("/api/v1/tasks", body, api.token("admin"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    public static TestApi.Response act(TestApi api, long id, String user, String action, Integer percent,
                                       String comment, List<Long> files) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", action);
        if (percent != null) {
            body.put("percent", percent);
        }
        if (comment != null) {
            body.put("comment", comment);
        }
        if (files != null) {
            body.put("attachmentIds", files);
        }
        return api.post("/api/v1/tasks/" + id + "/actions", body, api.token(user));
    }

    public static long upload(TestApi api, String user, long taskId, String filename) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ownerType", "task");
        fields.put("ownerId", String.valueOf(taskId));
        fields.put("file", new org.qualitycity.support.Multipart.Part(filename, pdf(), "application/pdf"));
        TestApi.Response r = org.qualitycity.support.Multipart.api(api).post("/api/v1/files", fields, api.token(user));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asLong();
    }
}
