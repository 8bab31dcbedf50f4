package cn.servicecircle.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import cn.servicecircle.coverage.CoverageApiTest.SiteRow;
import cn.servicecircle.support.ApiTestBase;
import cn.servicecircle.support.Http;
import cn.servicecircle.support.Http.Response;

/**
 * Gap maps and CSV exports on the Haishu sample (straight-line method), against the brute-force recomputation of
 * {@link CoverageApiTest} (every population point × every open site from the public API, the test's own formula),
 * and CSV read back with Commons CSV against the JSON of the same snapshot.
 */
class GapsApiTest extends ApiTestBase {

    /** What the brute force says about one unserved point. */
    record Expected(String areaCode, double demand, double nearestMeters, double lon, double lat, String source) {
    }

    @Test
    void gapsAreExactlyTheUnservedPointsOfABruteForceRecomputation() {
        Http http = CoverageApiTest.http(web);
        for (String group : List.of("preschool", "elderly", "middle")) {
            Response gaps;
            List<SiteRow> sites;
            List<JsonNode> cells;
            int attempts = 0;
            do { // inputs and answer must describe one index state: retry if a parallel edit moved it
                gaps = http.get("/v1/gaps?group=" + group + "&limit=5000");
                sites = CoverageApiTest.openSites(http);
                cells = CoverageApiTest.cells(http);
                attempts++;
            } while (!gaps.json().at("/index/generation").equals(http.get("/v1/gaps?group=" + group + "&limit=0")
                    .json().at("/index/generation")) && attempts < 5);
            assertThat(gaps.status()).isEqualTo(200);
            Map<String, Expected> expected = bruteForceGaps(group, sites, cells);
            Map<String, double[]> byArea = new TreeMap<>(); // area → {demand, uncovered}
            for (JsonNode f : cells) {
                double demand = CoverageApiTest.demand(group, f.get("properties"));
                if (demand > 0) {
                    double[] t = byArea.computeIfAbsent(f.at("/properties/areaCode").asText(), k -> new double[2]);
                    t[0] += demand;
                    String id = f.at("/properties/id").asText();
                    t[1] += expected.containsKey(id) ? demand : 0;
                }
            }
            assertThat(expected).as("%s has gaps: the comparison means something", group).isNotEmpty();

            JsonNode body = gaps.json();
            assertThat(body.get("gapCount").asInt()).isEqualTo(expected.size());
            Map<String, JsonNode> actual = new HashMap<>();
            body.get("features").forEach(f -> actual.put(f.at("/properties/id").asText(), f));
            assertThat(actual.keySet()).as("uncovered points of %s", group).isEqualTo(expected.keySet());
            for (var e : expected.entrySet()) {
                JsonNode f = actual.get(e.getKey());
                Expected x = e.getValue();
                assertThat(f.at("/properties/uncoveredDemand").asDouble()).as("demand at %s", e.getKey())
                        .isCloseTo(x.demand(), within(0.051));
                assertThat(f.at("/properties/areaCode").asText()).isEqualTo(x.areaCode());
                assertThat(f.at("/properties/source").asText()).isEqualTo(x.source());
                assertThat(f.at("/geometry/coordinates/0").asDouble()).isCloseTo(x.lon(), within(1e-6));
                assertThat(f.at("/geometry/coordinates/1").asDouble()).isCloseTo(x.lat(), within(1e-6));
                JsonNode nearest = f.at("/properties/nearestWalkMeters");
                if (!nearest.isNull()) {
                    assertThat(nearest.asDouble()).as("nearest serving site of %s", e.getKey())
                            .isCloseTo(x.nearestMeters(), within(0.5));
                }
            }
            double total = 0;
            for (JsonNode a : body.get("areas")) {
                double[] t = byArea.get(a.get("areaCode").asText());
                assertThat(a.get("demand").asDouble()).isCloseTo(t[0], within(0.1));
                assertThat(a.get("uncoveredDemand").asDouble()).as("uncovered in %s", a.get("areaCode"))
                        .isCloseTo(t[1], within(0.1));
                assertThat(a.get("uncoveredShare").asDouble()).isCloseTo(t[0] == 0 ? 0 : t[1] / t[0], within(1e-4));
                total += t[1];
            }
            assertThat(body.get("areas").size()).isEqualTo(byArea.size());
            assertThat(body.at("/total/uncoveredDemand").asDouble()).isCloseTo(total, within(0.1));
        }
    }

    @Test
    void rankedByUncoveredDemandThenIdAndCutAtTheLimit() {
        Http http = CoverageApiTest.http(web);
        JsonNode all = http.get("/v1/gaps?group=everyone&limit=5000").json();
        JsonNode first = http.get("/v1/gaps?group=everyone&limit=7").json();
        JsonNode defaulted = http.get("/v1/gaps?group=everyone").json();
        assertThat(first.get("features").size()).isEqualTo(Math.min(7, all.get("gapCount").asInt()));
        assertThat(defaulted.get("features").size()).isEqualTo(Math.min(500, all.get("gapCount").asInt()));
        assertThat(first.get("gapCount")).isEqualTo(all.get("gapCount"));
        assertThat(first.get("total")).isEqualTo(all.get("total"));
        JsonNode previous = null;
        for (JsonNode f : all.get("features")) {
            if (previous != null) {
                double a = previous.at("/properties/uncoveredDemand").asDouble();
                double b = f.at("/properties/uncoveredDemand").asDouble();
                assertThat(a).isGreaterThanOrEqualTo(b);
                if (a == b) {
                    assertThat(previous.at("/properties/id").asText()).isLessThan(f.at("/properties/id").asText());
                }
            }
            previous = f;
        }
        for (int i = 0; i < first.get("features").size(); i++) {
            assertThat(first.at("/features/" + i)).isEqualTo(all.at("/features/" + i));
        }

        JsonNode oneArea = http.get("/v1/gaps?group=everyone&area=330203001&limit=5000").json();
        oneArea.get("features").forEach(f -> assertThat(f.at("/properties/areaCode").asText()).isEqualTo("330203001"));
        assertThat(oneArea.get("areas").size()).isEqualTo(1);
        assertThat(oneArea.get("total").get("uncoveredDemand")).isEqualTo(oneArea.at("/areas/0/uncoveredDemand"));
        JsonNode gcj = http.get("/v1/gaps?group=everyone&limit=1&coordSys=gcj02").json();
        assertThat(gcj.get("coordSys").asText()).isEqualTo("gcj02");
        assertThat(gcj.at("/features/0/geometry/coordinates/0").asDouble())
                .isNotEqualTo(all.at("/features/0/geometry/coordinates/0").asDouble());

        assertThat(http.get("/v1/gaps").code()).isEqualTo("REQUIRED");
        assertThat(http.get("/v1/gaps?group=teenagers").code()).isEqualTo("UNKNOWN_GROUP");
        assertThat(http.get("/v1/gaps?group=everyone&limit=5001").code()).isEqualTo("INVALID_PARAMETER");
        assertThat(http.get("/v1/gaps?group=everyone&format=xml").code()).isEqualTo("INVALID_PARAMETER");
        assertThat(http.get("/v1/coverage?format=xml").code()).isEqualTo("INVALID_PARAMETER");
    }

    @Test
    void csvExportsParseBackToTheJsonFigures() throws IOException {
        Http http = CoverageApiTest.http(web);
        Response json;
        Response csv;
        do { // one snapshot for both
            json = http.get("/v1/gaps?group=elderly&limit=5000");
            csv = http.get("/v1/gaps?group=elderly&limit=5000&format=csv");
        } while (!json.headers().getFirst("X-Index-Generation").equals(csv.headers().getFirst("X-Index-Generation")));
        assertThat(csv.headers().getContentType().toString()).isEqualTo("text/csv;charset=utf-8");
        List<CSVRecord> rows = parse(csv.raw(), GapsController.CSV_HEADER);
        assertThat(rows).hasSize(json.json().get("features").size()).isNotEmpty();
        for (int i = 0; i < rows.size(); i++) {
            CSVRecord r = rows.get(i);
            JsonNode f = json.json().at("/features/" + i);
            assertThat(r.get("group")).isEqualTo("elderly");
            assertThat(r.get("id")).isEqualTo(f.at("/properties/id").asText());
            assertThat(r.get("areaCode")).isEqualTo(f.at("/properties/areaCode").asText());
            assertThat(Double.parseDouble(r.get("lon"))).isEqualTo(f.at("/geometry/coordinates/0").asDouble());
            assertThat(Double.parseDouble(r.get("lat"))).isEqualTo(f.at("/geometry/coordinates/1").asDouble());
            assertThat(Double.parseDouble(r.get("uncoveredDemand"))).isEqualTo(f.at("/properties/uncoveredDemand").asDouble());
            JsonNode nearest = f.at("/properties/nearestWalkMeters");
            assertThat(r.get("nearestWalkMeters").isEmpty()).isEqualTo(nearest.isNull());
            if (!nearest.isNull()) {
                assertThat(Double.parseDouble(r.get("nearestWalkMeters"))).isEqualTo(nearest.asDouble());
            }
            assertThat(r.get("source")).isEqualTo(f.at("/properties/source").asText());
        }

        Response coverage;
        Response coverageCsv;
        do {
            coverage = http.get("/v1/coverage");
            coverageCsv = http.get("/v1/coverage?format=csv");
        } while (!coverage.headers().getFirst("X-Index-Generation")
                .equals(coverageCsv.headers().getFirst("X-Index-Generation")));
        assertThat(coverageCsv.headers().getContentType().toString()).isEqualTo("text/csv;charset=utf-8");
        List<CSVRecord> coverageRows = parse(coverageCsv.raw(), CoverageExportController.HEADER);
        List<String> expected = new ArrayList<>();
        for (JsonNode g : coverage.json().get("groups")) {
            for (JsonNode a : g.get("areas")) {
                List<JsonNode> tallies = new ArrayList<>(List.of(a.get("total")));
                a.get("categories").forEach(tallies::add);
                a.get("subtypes").forEach(tallies::add);
                for (JsonNode t : tallies) {
                    expected.add(String.join("|", g.get("code").asText(), t.get("areaCode").asText(),
                            t.get("category").asText(""), t.get("subtype").asText(""),
                            t.get("thresholdMeters").isNull() ? "" : t.get("thresholdMeters").asText(),
                            t.get("demand").asText(), t.get("served").asText(), t.get("share").asText(),
                            t.get("unlocatedDemand").asText(), t.get("cells").asText(), t.get("servedCells").asText()));
                }
            }
        }
        List<String> actual = new ArrayList<>();
        for (CSVRecord r : coverageRows) {
            actual.add(String.join("|", r.get("group"), r.get("areaCode"), r.get("category"), r.get("subtype"),
                    r.get("thresholdMeters"), asJsonNumber(r.get("demand")),
                    asJsonNumber(r.get("served")), asJsonNumber(r.get("share")), asJsonNumber(r.get("unlocatedDemand")),
                    r.get("cells"), r.get("servedCells")));
        }
        // per area: the area, 6 groups' categories (1+1+1+1+1+1) and subtypes (1+1+1+1+2+3)
        assertThat(actual).isEqualTo(expected).hasSize((6 + 6 + 9) * 17);
        Response one = http.get("/v1/coverage?format=csv&group=infants&area=330203001");
        assertThat(parse(one.raw(), CoverageExportController.HEADER)).hasSize(3);
        assertThat(http.get("/v1/coverage?format=csv&group=x").code()).isEqualTo("UNKNOWN_GROUP");
    }

    /** The CSV writes plain decimals without trailing zeros; JSON writes doubles (12.0): compare as numbers. */
    private static String asJsonNumber(String s) {
        return Double.toString(Double.parseDouble(s));
    }

    private static List<CSVRecord> parse(String text, List<String> header) throws IOException {
        var parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(text));
        assertThat(parser.getHeaderNames()).isEqualTo(header);
        assertThat(text).contains("\r\n");
        return parser.getRecords();
    }

    /** Unserved points of a group: demand &gt; 0 and no serving site within its threshold (1.35 × great circle). */
    static Map<String, Expected> bruteForceGaps(String group, List<SiteRow> sites, List<JsonNode> cells) {
        Map<String, Integer> rules = CoverageApiTest.RULES.get(group);
        Map<String, Expected> out = new HashMap<>();
        for (JsonNode f : cells) {
            JsonNode p = f.get("properties");
            double demand = CoverageApiTest.demand(group, p);
            if (demand <= 0) {
                continue;
            }
            double lon = f.at("/geometry/coordinates/0").asDouble();
            double lat = f.at("/geometry/coordinates/1").asDouble();
            boolean served = false;
            double nearest = Double.POSITIVE_INFINITY;
            for (SiteRow s : sites) {
                Integer threshold = rules.get(s.key());
                if (threshold != null) {
                    double m = 1.35 * CoverageApiTest.greatCircleMeters(lon, lat, s.lon(), s.lat());
                    served |= m <= threshold;
                    nearest = Math.min(nearest, m);
                }
            }
            if (!served) {
                out.put(p.get("id").asText(), new Expected(p.get("areaCode").asText(), demand, nearest, lon, lat,
                        p.get("source").asText()));
            }
        }
        return out;
    }
}
