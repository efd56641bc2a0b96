package org.qualitycity.platform.internal;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The API description: title, the bearer-token scheme (tokens from POST /api/v1/auth/token), and the error answers
 * of every operation by rule ({@link #documentedErrorResponses()}), so that clients see the problem+json shape
 * ({@code Problem}) and, under {@code /open311}, GeoReport v2's error array ({@code GeoReportErrors}) without each
 * controller method repeating them.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    static final String PROBLEM = "Problem";
    static final String GEOREPORT_ERRORS = "GeoReportErrors";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final AntPathMatcher PATHS = new AntPathMatcher();

    @Bean
    OpenAPI qualityCityOpenApi() {
        Components components = new Components()
                .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer"))
                .addSchemas("FieldError", new ObjectSchema().description("One bad field of the request")
                        .addProperty("field", new StringSchema().description("The field, parameter or path (row[3].name)"))
                        .addProperty("message", new StringSchema().description("What is wrong with it"))
                        .required(List.of("field", "message")))
                .addSchemas(PROBLEM, new ObjectSchema()
                        .description("RFC 9457 problem details; bad input lists every bad field in errors")
                        .addProperty("type", new StringSchema().format("uri")
                                .description("https://qualitycity.org/problems/<code>, e.g. invalid-input, not-found"))
                        .addProperty("title", new StringSchema())
                        .addProperty("status", new IntegerSchema())
                        .addProperty("detail", new StringSchema())
                        .addProperty("instance", new StringSchema().format("uri-reference"))
                        .addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldError")))
                        .addProperty("workflow", new StringSchema().description("A refused workflow step: the workflow, e.g. complaint.case"))
                        .addProperty("state", new StringSchema().description("A refused workflow step: the record's state code"))
                        .addProperty("action", new StringSchema().description("A refused workflow step: the action code"))
                        .addProperty("guard", new StringSchema().description("A refused workflow step: the failed guard"))
                        .addProperty("allowed", new ArraySchema().items(new StringSchema())
                                .description("A refused workflow step: the action codes allowed in the state"))
                        .required(List.of("type", "title", "status")))
                .addSchemas("GeoReportError", new ObjectSchema().description("GeoReport v2 error")
                        .addProperty("code", new IntegerSchema().description("The HTTP status"))
                        .addProperty("description", new StringSchema())
                        .required(List.of("code", "description")))
                .addSchemas(GEOREPORT_ERRORS, new ArraySchema().description("GeoReport v2 errors (Open311 only)")
                        .items(new Schema<>().$ref("#/components/schemas/GeoReportError")));
        for (Map.Entry<String, String> r : Map.of(
                "400", "Bad input: the problem names every bad field in errors",
                "401", "No valid login (bearer token or session)",
                "403", "The caller lacks the permission (or, with a browser session, the CSRF token)",
                "404", "No such record, or one outside the caller's data scope",
                "409", "The record's current state does not allow the action (published, locked, duplicate…)",
                "429", "Too many requests from this address; retry after the Retry-After seconds").entrySet()) {
            components.addResponses(problemName(r.getKey()), new ApiResponse().description(r.getValue())
                    .content(new Content().addMediaType(PROBLEM_JSON,
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
        }
        for (Map.Entry<String, String> r : Map.of(
                "400", "Bad input (GeoReport v2 error array)",
                "404", "No such request or token (GeoReport v2 error array)",
                "429", "Too many requests from this address (GeoReport v2 error array)").entrySet()) {
            components.addResponses(geoReportName(r.getKey()), new ApiResponse().description(r.getValue())
                    .content(new Content().addMediaType("application/json",
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + GEOREPORT_ERRORS)))));
        }
        return new OpenAPI()
                .info(new Info().title("QualityCity API").version("v1")
                        .description("Obtain a token with POST /api/v1/auth/token, then send Authorization: Bearer <token>. "
                                + "Errors are RFC 9457 problem details (schema Problem) with field errors; Open311 "
                                + "GeoReport v2 under /open311/v2 answers errors as its array of {code, description}. "
                                + "JSON names are camelCase, except GeoReport's own. /api/v1/public/** needs no login."))
                // relative: the document is served by every installation under its own address
                .servers(List.of(new Server().url("/").description("This installation")))
                .components(components)
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    /**
     * Declares the error answers of every operation by rule, where the controller declares none itself: 401 on
     * everything behind login; 403 where a permission is checked ({@code @PreAuthorize}) or a browser session's
     * CSRF token is (every write); 400 where there are parameters or a body; 404 where a path variable names a
     * record; 409 for writes behind login (state machines, duplicates, locked years); 429 on the rate-limited
     * public entries. Open311 gets GeoReport's error array.
     */
    @Bean
    OperationCustomizer documentedErrorResponses() {
        return (operation, handler) -> {
            String path = path(handler);
            boolean write = !isGet(handler);
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            boolean params = (operation.getParameters() != null && !operation.getParameters().isEmpty())
                    || operation.getRequestBody() != null;
            boolean pathVariable = path.contains("{");
            if (path.startsWith("/open311/")) {
                if (params) {
                    add(responses, "400", geoReportName("400"));
                }
                if (pathVariable) {
                    add(responses, "404", geoReportName("404"));
                }
                if (!path.endsWith("/services.json")) {
                    add(responses, "429", geoReportName("429"));
                }
                if (responses.keySet().stream().noneMatch(k -> k.startsWith("4"))) {
                    add(responses, "400", geoReportName("400"));
                }
                operation.setResponses(responses);
                return operation;
            }
            boolean open = Arrays.stream(SecurityConfig.PUBLIC_API).anyMatch(p -> PATHS.match(p, path));
            if (params) {
                add(responses, "400", problemName("400"));
            }
            if (!open) {
                add(responses, "401", problemName("401"));
                if (write || guarded(handler)) {
                    add(responses, "403", problemName("403"));
                }
            } else {
                operation.setSecurity(List.of()); // no login needed
            }
            if (pathVariable) {
                add(responses, "404", problemName("404"));
            }
            if (write && !open) {
                add(responses, "409", problemName("409"));
            }
            if (open && (write || path.startsWith("/api/v1/public/"))) {
                add(responses, "429", problemName("429"));
            }
            operation.setResponses(responses);
            return operation;
        };
    }

    private static String problemName(String status) {
        return "Problem" + status;
    }

    private static String geoReportName(String status) {
        return "GeoReport" + status;
    }

    private static void add(ApiResponses responses, String status, String component) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, new ApiResponse().$ref("#/components/responses/" + component));
        }
    }

    private static boolean guarded(HandlerMethod handler) {
        return handler.hasMethodAnnotation(PreAuthorize.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), PreAuthorize.class);
    }

    private static boolean isGet(HandlerMethod handler) {
        RequestMapping m = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        return m == null || m.method().length == 0 || Arrays.asList(m.method()).contains(RequestMethod.GET);
    }

    /** The first path the handler is mapped to (class and method mapping joined). */
    private static String path(HandlerMethod handler) {
        RequestMapping type = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RequestMapping.class);
        RequestMapping method = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        String prefix = type == null || type.path().length == 0 ? "" : type.path()[0];
        String suffix = method == null || method.path().length == 0 ? "" : method.path()[0];
        return prefix + suffix;
    }
}
