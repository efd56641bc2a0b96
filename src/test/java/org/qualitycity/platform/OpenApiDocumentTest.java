package org.qualitycity.platform;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, findings 4 and 5: the API's own description. Writes the live OpenAPI document to
 * {@code target/openapi.json}, where the Redocly linter of {@code .ci/run} ({@code scripts/lint-openapi.sh}) reads it,
 * and checks the house conventions on it: every property of every schema that an {@code /api/v1} operation reaches is
 * camelCase (Open311 under {@code /open311} keeps GeoReport v2's snake_case), no {@code /api/v1} answer is an untyped
 * map (whose keys the document could not show), every operation has a summary and declares its problem responses
 * with the shared {@code Problem} schema.
 */
@QcIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentTest {

    private static final Pattern CAMEL = Pattern.compile("[a-z][a-zA-Z0-9]*");
    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");
    /**
     * Answers whose names the document cannot show, each checked by reading its code: everything else under /api/v1
     * answers records, whose component names the walk checks.
     */
    private static final Map<String, String> UNTYPED = Map.of(
            "get /api/v1/plans/current", "the plan file as uploaded: the plan file's own format (docs/plan-format.md)",
            "get /api/v1/plans/{id}", "the plan file as uploaded: the plan file's own format (docs/plan-format.md)",
            "get /api/v1/units", "UnitView records (flat) or UnitNode records (tree), by format",
            "get /api/v1/analytics", "PageResult of AnalyticsService.Row, written from the analytics cache as bytes",
            "get /api/v1/public/analytics", "PageResult of AnalyticsService.Row, written from the analytics cache as bytes",
            "post /api/v1/auth/token", "TokenResponse, or a problem",
            "get /api/v1/enterprises/{creditCode} Detail.sections",
            "the parts other modules add (EnterpriseDetailSection: credit, samples), keyed by section",
            "post /api/v1/indicators/recompute", "{jobId, status, page}",
            "post /api/v1/assessments/{year}", "{jobId, year} or {id}");

    @LocalServerPort
    int port;
    JsonNode doc;

    @BeforeAll
    void fetch() throws IOException {
        TestApi api = new TestApi(port);
        TestApi.Response r = api.get("/v3/api-docs", null);
        assertThat(r.status()).isEqualTo(200);
        doc = r.json();
        Path out = Path.of("target", "openapi.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void everyPropertyOfTheApiIsCamelCase() {
        Set<String> bad = new TreeSet<>();
        forEachOperation((path, method, op) -> {
            if (!path.startsWith("/api/v1")) {
                return;
            }
            for (JsonNode p : op.path("parameters")) {
                JsonNode param = resolve(p);
                if (!"path".equals(param.path("in").asString()) && !"header".equals(param.path("in").asString())
                        && !CAMEL.matcher(param.path("name").asString()).matches()) {
                    bad.add(method + " " + path + " parameter " + param.path("name").asString());
                }
            }
            List<JsonNode> schemas = new ArrayList<>();
            op.path("requestBody").path("content").forEach(c -> schemas.add(c.path("schema")));
            op.path("responses").forEach(r -> resolve(r).path("content").forEach(c -> schemas.add(c.path("schema"))));
            Set<String> seen = new HashSet<>();
            for (JsonNode s : schemas) {
                walk(s, method + " " + path, bad, seen);
            }
        });
        assertThat(bad).as("snake_case or other non-camelCase names, or untyped maps, in /api/v1").isEmpty();
    }

    @Test
    void everyOperationHasASummary() {
        List<String> missing = new ArrayList<>();
        forEachOperation((path, method, op) -> {
            if (op.path("summary").asString("").isBlank()) {
                missing.add(method + " " + path);
            }
        });
        assertThat(missing).as("operations without a summary").isEmpty();
    }

    @Test
    void everyApiOperationDeclaresItsProblemResponses() {
        JsonNode problem = doc.path("components").path("schemas").path("Problem");
        assertThat(problem.path("properties").has("status")).as("a shared Problem schema").isTrue();
        assertThat(problem.path("properties").has("errors")).as("with the field errors").isTrue();
        List<String> missing = new ArrayList<>();
        forEachOperation((path, method, op) -> {
            if (!path.startsWith("/api/v1")) {
                return;
            }
            JsonNode responses = op.path("responses");
            List<String> expected = new ArrayList<>();
            boolean open = path.startsWith("/api/v1/public/") || path.equals("/api/v1/auth/token");
            if (!open) {
                expected.add("401");
                if (!method.equals("get")) {
                    expected.add("403"); // the permission, or a browser session's CSRF token
                    expected.add("409");
                }
            }
            if (op.has("requestBody") || op.path("parameters").size() > 0) {
                expected.add("400");
            }
            if (path.contains("{")) {
                expected.add("404");
            }
            for (String status : expected) {
                JsonNode schema = resolve(responses.path(status)).path("content").path("application/problem+json")
                        .path("schema");
                if (!"#/components/schemas/Problem".equals(schema.path("$ref").asString(""))) {
                    missing.add(method + " " + path + " " + status);
                }
            }
        });
        assertThat(missing).as("problem responses not declared").isEmpty();
    }

    @Test
    void open311KeepsGeoReportNamesAndDeclaresItsErrorArray() {
        JsonNode search = doc.path("paths").path("/open311/v2/requests.json").path("get");
        assertThat(search.isMissingNode()).isFalse();
        List<String> names = new ArrayList<>();
        search.path("parameters").forEach(p -> names.add(resolve(p).path("name").asString()));
        assertThat(names).contains("service_request_id", "page_size");
        JsonNode bad = resolve(search.path("responses").path("400")).path("content").path("application/json")
                .path("schema");
        assertThat(bad.path("$ref").asString("")).isEqualTo("#/components/schemas/GeoReportErrors");
    }

    // ------------------------------------------------------------------

    interface OperationVisitor {
        void visit(String path, String method, JsonNode op);
    }

    private void forEachOperation(OperationVisitor v) {
        for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> m : path.getValue().properties()) {
                if (METHODS.contains(m.getKey())) {
                    v.visit(path.getKey(), m.getKey(), m.getValue());
                }
            }
        }
    }

    private JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asString("");
        if (ref.startsWith("#/")) {
            JsonNode n = doc;
            for (String part : ref.substring(2).split("/")) {
                n = n.path(part);
            }
            return n;
        }
        return node;
    }

    private void walk(JsonNode schema, String where, Set<String> bad, Set<String> seen) {
        if (schema == null || schema.isMissingNode() || !schema.isObject()) {
            return;
        }
        String ref = schema.path("$ref").asString("");
        if (!ref.isEmpty()) {
            if (seen.add(ref)) {
                walk(resolve(schema), where + " " + ref.substring(ref.lastIndexOf('/') + 1), bad, seen);
            }
            return;
        }
        for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
            if (!CAMEL.matcher(p.getKey()).matches()) {
                bad.add(where + " ." + p.getKey());
            }
            walk(p.getValue(), where + "." + p.getKey(), bad, seen);
        }
        JsonNode additional = schema.path("additionalProperties");
        boolean untyped = schema.path("properties").isEmpty() && "object".equals(schema.path("type").asString(""))
                && (additional.isMissingNode() || (additional.isObject() && additional.isEmpty()));
        if (untyped && UNTYPED.keySet().stream().noneMatch(where::startsWith)) {
            bad.add(where + " is an untyped map: its names are not in the document (answer a record)");
        }
        walk(schema.path("items"), where + "[]", bad, seen);
        walk(additional, where + "{}", bad, seen);
        for (String k : List.of("allOf", "oneOf", "anyOf")) {
            for (JsonNode s : schema.path(k)) {
                walk(s, where, bad, seen);
            }
        }
    }
}
