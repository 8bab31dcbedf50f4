package cn.servicecircle.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import com.fasterxml.jackson.databind.JsonNode;

import cn.servicecircle.support.ApiTestBase;
import cn.servicecircle.support.Http;
import cn.servicecircle.support.TestTokens;

/**
 * History and audit record who changed a site by the token's subject (the identity provider's stable id) beside its
 * display name, and the audit log finds changes by either: two people may share a name, not a subject.
 */
class ActorSubjectTest extends ApiTestBase {

    @Test
    void theSubjectIsRecordedBesideTheNameAndTheAuditFindsItByEither() {
        Http http = new Http(web);
        String subject = "idp-user-" + UUID.randomUUID();
        String name = "南门街道办 值班员";
        String token = TestTokens.mint(Map.of("sub", subject, "name", name, "roles", List.of("office"),
                "area_codes", List.of("330203001")));
        JsonNode inNanmen = http.get("/v1/sites?area=330203001&limit=1").json().at("/items/0/location");
        Http.Response created = http.call(HttpMethod.POST, "/v1/sites", """
                {"category":"elder_care","subtype":"elder_canteen","name":"主体测试 %s",
                 "location":{"lon":%s,"lat":%s}}""".formatted(subject, inNanmen.get("lon").asText(),
                inNanmen.get("lat").asText()), TestTokens.bearer(token));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String id = created.json().get("id").asText();

        JsonNode revision = http.getAuthorized("/v1/sites/" + id + "/history").json().at("/revisions/0");
        assertThat(revision.get("actor").asText()).isEqualTo(name);
        assertThat(revision.get("actorSubject").asText()).isEqualTo(subject);
        assertThat(revision.get("actorRole").asText()).isEqualTo("office");

        String planner = TestTokens.planner();
        JsonNode bySubject = http.call(HttpMethod.GET, "/v1/audit?actor=" + subject, null, TestTokens.bearer(planner))
                .json().get("items");
        assertThat(bySubject).hasSize(1);
        assertThat(bySubject.get(0).get("siteId").asText()).isEqualTo(id);
        assertThat(bySubject.get(0).get("actorSubject").asText()).isEqualTo(subject);
        // the loader's rows have no subject
        JsonNode first = http.call(HttpMethod.GET, "/v1/audit?limit=1", null, TestTokens.bearer(planner)).json()
                .at("/items/0");
        assertThat(first.get("actorRole").asText()).isEqualTo("system");
        assertThat(first.get("actorSubject").isNull()).isTrue();
    }
}
