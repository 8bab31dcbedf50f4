package cn.servicecircle.site;

import static cn.servicecircle.support.TestTokens.JIANGXIA;
import static cn.servicecircle.support.TestTokens.NANMEN;
import static cn.servicecircle.support.TestTokens.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

import cn.servicecircle.coord.Gcj02;
import cn.servicecircle.coord.LonLat;
import cn.servicecircle.coord.Haversine;
import cn.servicecircle.support.ApiTestBase;
import cn.servicecircle.support.Http;
import cn.servicecircle.support.Http.Response;
import cn.servicecircle.support.TestTokens;

/**
 * Bulk import through the real HTTP API. Locations are population cell centres read straight from the sample file
 * (inside the district), so the expected areas are not computed by the code under test.
 */
class SiteImportApiTest extends ApiTestBase {
    static final MediaType CSV = MediaType.valueOf("text/csv");
    static final String HEADER = "external_id,category,subtype,name,lon,lat,area_code,staff,status";
    Http http;
    String run;

    @BeforeEach
    void setUp() {
        http = new Http(web);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    /** Population cells of the sample: {lon, lat, area_code}. */
    static List<String[]> cells() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("geo-data/haishu/population.synthetic.csv"));
        List<String[]> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            out.add(new String[] {c[1], c[2], c[3]});
        }
        return out;
    }

    static String row(String id, String name, String lon, String lat, String area, String staff, String status) {
        return String.join(",", id, "school", "other", name, lon, lat, area, staff, status);
    }

    Response importCsv(String csv, String query, String token) {
        return http.call(HttpMethod.POST, "/v1/sites/import" + query, csv, CSV, bearer(token));
    }

    long total(String q) {
        return http.get("/v1/sites?status=all&q=" + q).json().get("total").asLong();
    }

    @Test
    void importingTheSameThousandRowsTwiceCreatesNothingTheSecondTime() throws IOException {
        List<String[]> cells = cells();
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int k = 0; k < 1000; k++) {
            String[] c = cells.get(k * 2);
            csv.append(row("imp-" + run + "-" + k, "导入-" + run + "-" + k, c[0], c[1], "", "3", "")).append('\n');
        }
        Response first = importCsv(csv.toString(), "?reason=first", TestTokens.admin());
        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        assertThat(first.json().get("committed").asBoolean()).isTrue();
        assertThat(first.json().get("created").asInt()).isEqualTo(1000);
        assertThat(total("导入-" + run)).isEqualTo(1000);

        Response second = importCsv(csv.toString(), "", TestTokens.admin());
        assertThat(second.status()).as(second.raw()).isEqualTo(200);
        assertThat(second.json().get("created").asInt()).isZero();
        assertThat(second.json().get("updated").asInt()).isZero();
        assertThat(second.json().get("unchanged").asInt()).isEqualTo(1000);
        assertThat(total("导入-" + run)).isEqualTo(1000);

        // each site's area is the one the sample file gives its cell; one revision each, by the importer
        JsonNode page = http.get("/v1/sites?status=all&limit=500&q=导入-" + run + "-99").json();
        for (JsonNode site : page.get("items")) {
            int k = Integer.parseInt(site.get("externalId").asText().substring(("imp-" + run + "-").length()));
            assertThat(site.get("areaCode").asText()).as(site.toString()).isEqualTo(cells.get(k * 2)[2]);
            assertThat(site.get("version").asInt()).isEqualTo(1);
        }
        String anyId = page.at("/items/0/id").asText();
        JsonNode rev = http.getAuthorized("/v1/sites/" + anyId + "/history").json().at("/revisions/0");
        assertThat(rev.get("actor").asText()).isEqualTo("test-admin");
        assertThat(rev.get("reason").asText()).isEqualTo("first");

        // a changed name and a closed site: 2 updated (1 closed), the rest unchanged
        String changed = csv.toString().replace("导入-" + run + "-7,", "导入-" + run + "-7改,")
                .replace("imp-" + run + "-8,school,other,导入-" + run + "-8," + cells.get(16)[0] + "," + cells.get(16)[1]
                        + ",,3,", "imp-" + run + "-8,school,other,导入-" + run + "-8," + cells.get(16)[0] + ","
                        + cells.get(16)[1] + ",,3,closed");
        Response third = importCsv(changed, "", TestTokens.admin());
        assertThat(third.json().get("updated").asInt()).as(third.raw()).isEqualTo(2);
        assertThat(third.json().get("closed").asInt()).isEqualTo(1);
        assertThat(third.json().get("unchanged").asInt()).isEqualTo(998);
        assertThat(total("导入-" + run)).isEqualTo(1000);
    }

    @Test
    void aDryRunListsEveryProblemByRowAndACommitWithProblemsWritesNothing() throws IOException {
        String[] c = cells().get(100);
        String csv = HEADER + "\n"
                + row("ok-" + run, "好-" + run, c[0], c[1], "", "2", "") + "\n"
                + row("bad-subtype-" + run, "坏-" + run, c[0], c[1], "", "2", "").replace(",other,", ",rocket,") + "\n"
                + row("no-name-" + run, "", c[0], c[1], "", "2", "") + "\n"
                + row("ok-" + run, "重复-" + run, c[0], c[1], "", "2", "") + "\n"
                + row("far-" + run, "远-" + run, "116.39", "39.91", "", "2", "") + "\n"
                + row("neg-" + run, "负-" + run, c[0], c[1], "", "-4", "") + "\n"
                + row("", "无编号-" + run, c[0], c[1], "", "2", "") + "\n"
                + "short-" + run + ",school\n";
        Response dry = importCsv(csv, "?dryRun=true", TestTokens.admin());
        assertThat(dry.status()).as(dry.raw()).isEqualTo(200);
        assertThat(dry.json().get("committed").asBoolean()).isFalse();
        assertThat(dry.json().get("rows").asInt()).isEqualTo(8);
        assertThat(dry.json().get("valid").asInt()).isEqualTo(1);
        assertThat(dry.json().get("created").asInt()).isEqualTo(1);
        List<String> found = new ArrayList<>();
        dry.json().get("errors").forEach(e -> found.add(e.get("row").asInt() + ":" + e.get("code").asText()));
        assertThat(found).containsExactly("2:UNKNOWN_SUBTYPE", "3:REQUIRED", "4:DUPLICATE_ID",
                "5:OUTSIDE_SERVICE_AREA", "6:OUT_OF_RANGE", "7:REQUIRED", "8:WRONG_COLUMN_COUNT");
        assertThat(total(run)).isZero();

        Response commit = importCsv(csv, "", TestTokens.admin());
        assertThat(commit.status()).isEqualTo(422);
        assertThat(commit.code()).isEqualTo("IMPORT_INVALID");
        assertThat(commit.json().get("errors").get(0).get("field").asText()).isEqualTo("rows[2].subtype");
        assertThat(total(run)).as("nothing written, not even the valid row").isZero();
    }

    @Test
    void anOfficeImportsOnlyInItsAreasAndGcj02FilesAreConverted() {
        JsonNode nanmen = http.get("/v1/sites?area=" + NANMEN + "&limit=1").json().at("/items/0/location");
        JsonNode jiangxia = http.get("/v1/sites?area=" + JIANGXIA + "&limit=1").json().at("/items/0/location");
        LonLat n = Gcj02.toGcj02(new LonLat(nanmen.get("lon").asDouble(), nanmen.get("lat").asDouble()));
        LonLat j = Gcj02.toGcj02(new LonLat(jiangxia.get("lon").asDouble(), jiangxia.get("lat").asDouble()));
        String office = TestTokens.office("南门街道办", NANMEN);
        String geo = Http.json(Map.of("type", "FeatureCollection", "features", List.of(
                feature(n, "gcj-n-" + run), feature(j, "gcj-j-" + run))));
        Response refused = http.call(HttpMethod.POST, "/v1/sites/import?coordSys=gcj02", geo,
                MediaType.valueOf("application/geo+json"), bearer(office));
        assertThat(refused.status()).as(refused.raw()).isEqualTo(422);
        assertThat(refused.json().get("errors")).hasSize(1);
        assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo("rows[2].areaCode");
        assertThat(refused.json().at("/errors/0/code").asText()).isEqualTo("OUT_OF_SCOPE");
        assertThat(total(run)).isZero();

        String own = Http.json(Map.of("type", "FeatureCollection", "features", List.of(feature(n, "gcj-n-" + run))));
        Response ok = http.call(HttpMethod.POST, "/v1/sites/import?coordSys=gcj02", own,
                MediaType.valueOf("application/geo+json"), bearer(office));
        assertThat(ok.status()).as(ok.raw()).isEqualTo(200);
        JsonNode site = http.get("/v1/sites?q=gcj-n-" + run).json().at("/items/0");
        assertThat(site.get("areaCode").asText()).isEqualTo(NANMEN);
        double metres = Haversine.distanceM(new LonLat(nanmen.get("lon").asDouble(), nanmen.get("lat").asDouble()),
                new LonLat(site.at("/location/lon").asDouble(), site.at("/location/lat").asDouble()));
        assertThat(metres).as("stored in WGS84 where the GCJ-02 point shows").isLessThan(0.5);
    }

    static Map<String, Object> feature(LonLat p, String name) {
        return Map.of("type", "Feature", "geometry", Map.of("type", "Point", "coordinates", List.of(p.lon(), p.lat())),
                "properties", Map.of("external_id", name, "category", "school", "subtype", "other", "name", name));
    }
}
