package cn.servicecircle.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import cn.servicecircle.support.ApiTestBase;
import cn.servicecircle.support.PublicApiData;

/** HEAD runs the GET handler, so what GET keeps to roles (a site's history, the audit log) HEAD keeps too. */
class HistoryHeadTest extends ApiTestBase {

    @Test
    void anonymousHeadOfHistoryOrAuditIsRefusedLikeGet() {
        String site = PublicApiData.openSites(PublicApiData.bigHttp(web)).get(0).get("id").asText();
        for (String path : new String[]{"/v1/sites/" + site + "/history", "/v1/audit"}) {
            assertThat(web.head().uri(path).exchange().returnResult(Void.class).getStatus().value()).as("HEAD %s", path)
                    .isEqualTo(401);
            assertThat(web.get().uri(path).exchange().returnResult(Void.class).getStatus().value()).as("GET %s", path)
                    .isEqualTo(401);
            assertThat(web.head().uri(path).headers(h -> h.setBearerAuth(TOKEN)).exchange().returnResult(Void.class)
                    .getStatus().value()).as("HEAD %s as admin", path).isEqualTo(200);
        }
    }
}
