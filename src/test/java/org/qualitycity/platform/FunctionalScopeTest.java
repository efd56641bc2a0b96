package org.qualitycity.platform;

import org.junit.jupiter.api.Test;
import org.qualitycity.complaint.ComplaintFixtures;
import org.qualitycity.enterprise.EnterpriseFixtures;
import org.qualitycity.spotcheck.SpotcheckFixtures;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.qualitycity.support.WebSession;
import org.qualitycity.task.TaskTestSupport;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, acceptance 5: the functional data scope per module. An officer of the city market regulator who holds
 * the role MARKET_CITYWIDE (a role whose data scope is set per module) sees 通城县's enterprises, samples and
 * complaints, but not 通城县's tasks or indicator drafts; without that role the same officer sees none of them.
 */
@QcIntegrationTest
class FunctionalScopeTest {

    @LocalServerPort
    int port;

    private static String officer(TestApi api, List<String> roles) {
        String username = "msc" + UUID.randomUUID().toString().substring(0, 8);
        var r = api.post("/api/v1/users", Map.of("username", username, "displayName", "市场监管 测试科员",
                "unitCode", "421200-SCJG", "password", TestApi.DEMO_PASSWORD, "roles", roles), api.token("admin"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return username;
    }

    @Test
    void aMarketRegulatorOfficerSeesTongchengsEnterprisesSamplesAndComplaintsButNotItsTasksOrDrafts() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        String tongcheng = api.token("tongcheng");
        // 通城县's records: an enterprise, a sample, a complaint dispatched to its market regulator, a task, a draft
        String code = EnterpriseFixtures.create(api, "421222", "通城县职能范围测试公司" + UUID.randomUUID().toString().substring(0, 6));
        long sample = SpotcheckFixtures.create(api, admin, SpotcheckFixtures.sample(code, "SUPERVISION", "IND-ELEC",
                "FS-" + UUID.randomUUID().toString().substring(0, 8), api.today().minusDays(3).toString()));
        var receipt = ComplaintFixtures.submit(api, ComplaintFixtures.complaint("421222", "通城县职能范围测试店",
                ComplaintFixtures.freshPhone()));
        long complaint = ComplaintFixtures.idOf(api, receipt.json().get("trackingCode").asText());
        assertThat(ComplaintFixtures.act(api, complaint, Map.of("action", "ACCEPT"), admin).status()).isEqualTo(200);
        var dispatched = ComplaintFixtures.act(api, complaint, Map.of("action", "DISPATCH"), admin);
        assertThat(dispatched.status()).as(dispatched.body()).isEqualTo(200);
        long task = TaskTestSupport.createTask(api, "421222", "通城县职能范围测试任务", api.today().plusDays(30));
        var draft = api.put("/api/v1/indicator-values", Map.of("unitCode", "421222", "period", "2016Q3",
                "values", List.of(Map.of("element", "G4_VILLAGES_TREATED", "value", 7))), tongcheng);
        assertThat(draft.status()).as(draft.body()).isEqualTo(200);

        String market = api.token(officer(api, List.of("DEPT_OFFICER", "MARKET_CITYWIDE")));
        String plain = api.token(officer(api, List.of("DEPT_OFFICER")));

        // enterprises, samples, complaints: city-wide for the market regulator, not for the plain department officer
        assertThat(api.get("/api/v1/enterprises/" + code, market).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/enterprises?q=" + code, market).json().get("total").asLong()).isEqualTo(1);
        assertThat(api.get("/api/v1/enterprises/" + code, plain).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/spotchecks/samples/" + sample, market).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/spotchecks/samples/" + sample, plain).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/complaints/" + complaint, market).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/complaints/" + complaint, plain).status()).isEqualTo(404);

        // tasks and indicator drafts stay within the unit, as the role DEPT_OFFICER says
        assertThat(api.get("/api/v1/tasks/" + task, market).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/indicator-values?unitCode=421222&period=2016Q3", market).json().get("total")
                .asLong()).isZero();
        assertThat(api.get("/api/v1/indicator-values?unitCode=421222&period=2016Q3", admin).json().get("total")
                .asLong()).isPositive();

        // the pages say the same
        String marketUser = officer(api, List.of("DEPT_OFFICER", "MARKET_CITYWIDE"));
        WebSession web = WebSession.loggedIn(port, marketUser);
        assertThat(web.get("/enterprises/" + code).status()).isEqualTo(200);
        assertThat(web.get("/spotchecks/samples/" + sample).status()).isEqualTo(200);
        assertThat(web.get("/complaints/" + complaint).status()).isEqualTo(200);
        assertThat(web.get("/tasks/" + task).status()).isEqualTo(404);
        // the drafts: the API checks above; the review page is not the market regulator's at all
        assertThat(web.get("/indicators/review?unit=421222&period=2016Q3").status()).isEqualTo(403);
    }

    @Test
    void theSecurityAdministratorSetsARolesScopePerModuleAuditedAndUnknownModulesAreRefused() {
        TestApi api = new TestApi(port);
        String sec = api.token("secadmin");
        String code = "FS" + UUID.randomUUID().toString().substring(0, 8).toUpperCase().replace('-', 'X');
        var created = api.post("/api/v1/roles", Map.of("code", code, "nameZh", "测试职能角色", "nameEn", "Test functional",
                "dataScope", "UNIT", "permissions", List.of("enterprise:enterprise:view"),
                "moduleScopes", List.of(Map.of("module", "enterprise", "dataScope", "ALL"))), sec);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(created.json().get("moduleScopes").get(0).get("module").asText()).isEqualTo("enterprise");

        var bad = api.put("/api/v1/roles/" + id, Map.of("code", code, "nameZh", "测试职能角色", "nameEn", "Test functional",
                "dataScope", "UNIT", "permissions", List.of("enterprise:enterprise:view"),
                "moduleScopes", List.of(Map.of("module", "nosuchmodule", "dataScope", "ALL"),
                        Map.of("module", "enterprise", "dataScope", "ALL"), Map.of("module", "enterprise", "dataScope", "UNIT"))), sec);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").findValuesAsString("field"))
                .containsExactly("moduleScopes[0].module", "moduleScopes[2].module");
        var missing = api.put("/api/v1/roles/" + id, Map.of("code", code, "nameZh", "测试职能角色", "nameEn", "Test functional",
                "dataScope", "UNIT", "permissions", List.of(), "moduleScopes", List.of(Map.of("module", "complaint"))), sec);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("errors").findValuesAsString("field")).contains("moduleScopes[0].dataScope");

        var changed = api.put("/api/v1/roles/" + id, Map.of("code", code, "nameZh", "测试职能角色", "nameEn", "Test functional",
                "dataScope", "UNIT", "permissions", List.of("enterprise:enterprise:view"),
                "moduleScopes", List.of(Map.of("module", "complaint", "dataScope", "UNIT_AND_BELOW"))), sec);
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("moduleScopes").toString()).contains("complaint").doesNotContain("enterprise");

        var trail = api.get("/api/v1/audit?module=platform&entityType=role&entityId=" + id + "&size=10&sort=id&dir=asc",
                api.token("auditadmin")).json().get("items");
        assertThat(trail.findValuesAsString("action")).containsExactly("CREATE", "UPDATE");
        assertThat(trail.get(1).toString()).contains("UNIT_AND_BELOW").contains("complaint");
    }
}
