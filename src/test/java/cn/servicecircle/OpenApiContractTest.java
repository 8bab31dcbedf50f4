package cn.servicecircle;

import static cn.servicecircle.support.Http.auth;
import static cn.servicecircle.support.Http.authIfMatch;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import cn.servicecircle.support.ApiTestBase;
import cn.servicecircle.support.Http;
import cn.servicecircle.support.OpenApiContract;

/**
 * Every documented operation is called against the live service and each response is validated against
 * api-spec/openapi.yaml (Http does that on every call); an operation added to the code but not the spec fails
 * here too, because Http rejects undocumented paths and statuses.
 */
class OpenApiContractTest extends ApiTestBase {

    @Test
    void everyDocumentedOperationAnswersAsDocumented() {
        // the district's coverage of every group with its per-area breakdown is larger than the client's 64 KiB
        Http http = cn.servicecircle.coverage.CoverageApiTest.http(web);
        http.get("/openapi.yaml");
        http.get("/v3/api-docs");
        http.get("/v1/site-types");
        http.get("/v1/changes?since=0"); // 410: the stream itself is ChangeFeedTest's
        http.get("/v1/tiles/sites/12/3430/1691.mvt"); // central Haishu
        http.get("/v1/tiles/roads/12/3430/1691.mvt");
        http.get("/v1/nearby?lon=121.5436&lat=29.87");
        http.get("/v1/nearby?lon=121.5436&lat=29.87&category=clinic&coordSys=gcj02");
        http.get("/v1/nearby?lon=8.69&lat=49.41");
        http.get("/v1/nearby?lat=29.87");
        http.get("/v1/reach?lon=121.5436&lat=29.87&minutes=10&speed=elderly");
        http.get("/v1/reach?lon=8.69&lat=49.41");
        http.get("/v1/coverage");
        http.get("/v1/coverage?group=preschool&area=330203001");
        http.get("/v1/coverage?group=teenagers");
        http.get("/v1/coverage?format=csv&group=infants");
        http.get("/v1/gaps?group=preschool&limit=3&coordSys=gcj02");
        http.get("/v1/gaps?group=elderly&area=330203001&format=csv");
        http.get("/v1/gaps");
        String scenario = """
                {"groups":["preschool"],"add":[{"category":"school","subtype":"kindergarten",
                 "location":{"lon":121.55,"lat":29.875}}]}""";
        http.call(HttpMethod.POST, "/v1/planning/scenarios?coordSys=gcj02", scenario, h -> { });
        http.call(HttpMethod.POST, "/v1/planning/scenarios", "{\"close\":[1]}", h -> { });
        http.call(HttpMethod.POST, "/v1/planning/scenarios", scenario.replace("29.875", "39.9"), h -> { });
        http.call(HttpMethod.POST, "/v1/planning/suggestions", "{\"group\":\"preschool\",\"count\":2}", auth());
        http.call(HttpMethod.POST, "/v1/planning/suggestions?coordSys=gcj02",
                "{\"group\":\"elderly\",\"candidates\":[{\"lon\":121.55,\"lat\":29.87}]}", auth());
        http.call(HttpMethod.POST, "/v1/planning/suggestions", "{\"group\":\"preschool\",\"count\":99}", auth());
        http.call(HttpMethod.POST, "/v1/planning/suggestions", "{\"group\":\"preschool\"}", h -> { });
        http.get("/v1/accessibility");
        http.get("/v1/accessibility?group=elderly65&decay=gaussian&area=330203001&catchmentMeters=1500");
        http.get("/v1/accessibility?decay=linear");
        http.get("/v1/population");
        http.get("/v1/population?format=geojson&area=330203001&coordSys=gcj02");
        http.get("/v1/population?format=csv");
        // imports on the shared database only as dry runs or refused (PopulationImportApiTest commits on its own)
        String points = "id,lon,lat,age_0_2,age_3_5,age_6_14,age_15_59,age_60_64,age_65_plus\n"
                + "contract-1,121.535,29.872,1,2,3,40,5,6\n";
        MediaType csv = MediaType.valueOf("text/csv");
        http.call(HttpMethod.POST, "/v1/population/import?dryRun=true&coordSys=gcj02", points, csv, auth());
        http.call(HttpMethod.POST, "/v1/population/import?dryRun=true", points, csv, h -> { });
        http.call(HttpMethod.POST, "/v1/population/import?mode=replace", points, csv, auth());
        http.call(HttpMethod.POST, "/v1/population/import", points.replace("29.872", "39.9"), csv, auth());
        http.call(HttpMethod.POST, "/v1/population/import?dryRun=true", points, MediaType.TEXT_PLAIN, auth());
        http.get("/v1/areas?geometry=true&coordSys=gcj02");
        http.get("/v1/areas?geometry=nope");
        http.get("/v1/areas/330203001?geometry=true");
        http.get("/v1/areas/000000");
        http.get("/v1/sites?category=clinic&limit=5");
        http.get("/v1/sites?limit=9999");
        String body = """
                {"category":"elder_care","subtype":"elder_canteen","name":"契约测试助餐点 %s",
                 "location":{"lon":121.55,"lat":29.875},"capacity":{"seats":40}}""".formatted(UUID.randomUUID());
        Http.Response created = http.call(HttpMethod.POST, "/v1/sites", body, auth());
        assertThat(created.status()).isEqualTo(201);
        http.call(HttpMethod.POST, "/v1/sites", "{", auth());
        http.call(HttpMethod.POST, "/v1/sites", body, h -> { });
        http.call(HttpMethod.POST, "/v1/sites", body.replace("29.875", "39.9"), auth());
        String id = created.json().get("id").asText();
        http.get("/v1/sites/" + id);
        http.call(HttpMethod.GET, "/v1/sites/" + id, null, h -> h.set("If-None-Match", "\"1\""));
        http.get("/v1/sites/" + UUID.randomUUID());
        String renamed = body.replace("契约测试助餐点", "契约测试助餐点改名");
        http.call(HttpMethod.PUT, "/v1/sites/" + id, renamed, authIfMatch("\"1\""));
        http.call(HttpMethod.PUT, "/v1/sites/" + id, renamed, authIfMatch("\"2\"")); // changes nothing: 200
        http.call(HttpMethod.PUT, "/v1/sites/" + id, body, authIfMatch("\"1\""));
        http.call(HttpMethod.PUT, "/v1/sites/" + id, body, auth());
        http.call(HttpMethod.PATCH, "/v1/sites/" + id, "{\"capacity\":{\"seats\":50}}", authIfMatch("\"2\""));
        http.call(HttpMethod.PATCH, "/v1/sites/" + id, "{\"nmae\":\"x\"}", authIfMatch("\"3\""));
        http.call(HttpMethod.PATCH, "/v1/sites/" + id, "{\"name\":\"a\",\"name\":\"b\"}", authIfMatch("\"3\""));
        http.call(HttpMethod.DELETE, "/v1/sites/" + id, null, authIfMatch("\"1\""));
        http.call(HttpMethod.DELETE, "/v1/sites/" + id, null, auth());
        http.call(HttpMethod.DELETE, "/v1/sites/" + id + "?reason=a\u0001b", null, authIfMatch("\"3\""));
        http.call(HttpMethod.DELETE, "/v1/sites/" + id, null, authIfMatch("\"3\""));
        http.getAuthorized("/v1/sites/" + id + "/history");
        http.getAuthorized("/v1/sites/" + UUID.randomUUID() + "/history");
        http.get("/v1/indicators?year=2025");
        http.get("/v1/indicators");
        http.get("/v1/indicators?year=2031");
        http.get("/v1/indicators/01-childcare-places-per-1000");
        http.get("/v1/indicators/00-none");
        String value = "{\"value\":95.5,\"unit\":\"percent\"}";
        http.call(HttpMethod.PUT, "/v1/indicators/08-wage-arrears-resolution/values/2026?reason=contract", value, auth());
        http.call(HttpMethod.PUT, "/v1/indicators/08-wage-arrears-resolution/values/2026", value, h -> { });
        http.call(HttpMethod.PUT, "/v1/indicators/08-wage-arrears-resolution/values/2030", value, auth());
        http.call(HttpMethod.PUT, "/v1/indicators/00-none/values/2026", value, auth());
        http.call(HttpMethod.PUT, "/v1/indicators/02-inclusive-childcare-share/values/2026", value, auth());
        http.call(HttpMethod.PUT, "/v1/indicators/08-wage-arrears-resolution/values/2026",
                "{\"value\":95.5,\"unit\":\"yuan\"}", auth());

        // roles, audit and bulk import (issue #9)
        String office = cn.servicecircle.support.TestTokens.office("南门街道办", cn.servicecircle.support.TestTokens.NANMEN);
        http.call(HttpMethod.POST, "/v1/sites", body, cn.servicecircle.support.TestTokens.bearer(
                cn.servicecircle.support.TestTokens.planner()));
        http.get("/v1/sites/" + id + "/history");
        http.get("/v1/audit?limit=2");
        http.call(HttpMethod.GET, "/v1/audit?limit=2", null, Http.planner());
        http.call(HttpMethod.GET, "/v1/audit?since=never", null, Http.planner());
        http.call(HttpMethod.GET, "/v1/audit", null, cn.servicecircle.support.TestTokens.bearer(office));
        String file = "external_id,category,subtype,name,lon,lat\ncontract-" + UUID.randomUUID()
                + ",school,other,契约,121.5436,29.87\n";
        MediaType sitesCsv = MediaType.valueOf("text/csv");
        http.call(HttpMethod.POST, "/v1/sites/import?dryRun=true", file, sitesCsv, auth());
        http.call(HttpMethod.POST, "/v1/sites/import", file.replace(",other,", ",rocket,"), sitesCsv, auth());
        http.call(HttpMethod.POST, "/v1/sites/import", "name\nx\n", csv, auth());
        http.call(HttpMethod.POST, "/v1/sites/import", file, sitesCsv, h -> { });
        http.call(HttpMethod.POST, "/v1/sites/import", file, sitesCsv, Http.planner());
        http.call(HttpMethod.POST, "/v1/sites/import", "<a/>", MediaType.APPLICATION_XML, auth());

        Set<String> exercised = new HashSet<>();
        OpenApiContract.SEEN.forEach(s -> exercised.add(s.substring(0, s.lastIndexOf(' '))));
        assertThat(exercised).containsAll(OpenApiContract.operations());
        assertThat(OpenApiContract.SEEN).contains("POST /v1/sites 201", "POST /v1/sites 400", "POST /v1/sites 401",
                "POST /v1/sites 422", "PUT /v1/sites/{id} 412", "PUT /v1/sites/{id} 428", "GET /v1/sites/{id} 304",
                "DELETE /v1/sites/{id} 200", "DELETE /v1/sites/{id} 400", "DELETE /v1/sites/{id} 412",
                "DELETE /v1/sites/{id} 428", "PATCH /v1/sites/{id} 400", "GET /v1/sites/{id}/history 404",
                "POST /v1/planning/scenarios 200", "POST /v1/planning/scenarios 400",
                "POST /v1/planning/scenarios 422", "GET /v1/nearby 200", "GET /v1/nearby 422", "GET /v1/nearby 400", "GET /v1/reach 200", "GET /v1/reach 422",
                "GET /v1/indicators 200", "GET /v1/indicators 400", "GET /v1/indicators/{code} 200",
                "GET /v1/indicators/{code} 404", "PUT /v1/indicators/{code}/values/{year} 200",
                "PUT /v1/indicators/{code}/values/{year} 400", "PUT /v1/indicators/{code}/values/{year} 401",
                "PUT /v1/indicators/{code}/values/{year} 404", "PUT /v1/indicators/{code}/values/{year} 409",
                "PUT /v1/indicators/{code}/values/{year} 422", "POST /v1/sites 403",
                "GET /v1/sites/{id}/history 401", "GET /v1/audit 200", "GET /v1/audit 400", "GET /v1/audit 401",
                "GET /v1/audit 403", "POST /v1/sites/import 200", "POST /v1/sites/import 400",
                "POST /v1/sites/import 401", "POST /v1/sites/import 403", "POST /v1/sites/import 415",
                "POST /v1/sites/import 422");
        assertThat(OpenApiContract.SEEN).contains("POST /v1/planning/suggestions 200",
                "POST /v1/planning/suggestions 400", "POST /v1/planning/suggestions 401", "GET /v1/accessibility 200",
                "GET /v1/accessibility 400");
        assertThat(OpenApiContract.SEEN).contains("POST /v1/population/import 200", "POST /v1/population/import 400",
                "POST /v1/population/import 401", "POST /v1/population/import 415", "POST /v1/population/import 422");
    }
}
