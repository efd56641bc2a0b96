package org.qualitycity.enterprise;

import org.junit.jupiter.api.Test;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo enterprise account (README) sees exactly its own enterprise in 通城县. */
@QcIntegrationTest
class DemoEnterpriseAccountTest {

    @LocalServerPort
    int port;

    @Test
    void theDemoEnterpriseUserSeesOnlyItsOwnEnterprise() {
        TestApi api = new TestApi(port);
        var r = api.get("/api/v1/enterprises?size=50", api.token("qiye"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("total").asLong()).isEqualTo(1);
        String code = r.json().get("items").get(0).get("creditCode").asText();
        var detail = api.get("/api/v1/enterprises/" + code, api.token("qiye"));
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.body()).contains("421222");
    }
}
