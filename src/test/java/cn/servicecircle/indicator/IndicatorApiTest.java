package cn.servicecircle.indicator;

import static cn.servicecircle.support.Http.auth;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.r2dbc.core.DatabaseClient;

import com.fasterxml.jackson.databind.JsonNode;

import cn.servicecircle.support.ApiTestBase;
import cn.servicecircle.support.Http;

/**
 * The indicator API over real HTTP on the Haishu sample: computed values against a brute-force recomputation in Java
 * from the sites and areas read through the API, reported values and their append-only history, and the 4xx
 * problems.
 */
class IndicatorApiTest extends ApiTestBase {
    static final String PLACES = "01-childcare-places-per-1000";
    static final String INCLUSIVE = "02-inclusive-childcare-share";
    static final String ELDER_SCHOOLS = "06-elder-school-coverage";
    static final String DISABILITY_HOMES = "21-disability-home-coverage";
    static final String STATIONS = "22-town-assistance-stations";
    static final String WAGES = "08-wage-arrears-resolution";

    @Autowired
    DatabaseClient db;
    @Autowired
    IndicatorLoader loader;

    Http http() {
        return new Http(web);
    }

    Map<String, JsonNode> list(int year) {
        Http.Response r = http().get("/v1/indicators?year=" + year);
        assertThat(r.status()).isEqualTo(200);
        Map<String, JsonNode> byCode = new HashMap<>();
        r.json().get("items").forEach(i -> byCode.put(i.get("code").asText(), i));
        return byCode;
    }

    /** Every open site, through the API (pages of 100: the test client buffers at most 64 KB). */
    List<JsonNode> openSites() {
        List<JsonNode> sites = new ArrayList<>();
        String cursor = null;
        do {
            Http.Response page = http().get("/v1/sites?limit=100" + (cursor == null ? "" : "&cursor=" + cursor));
            page.json().get("items").forEach(sites::add);
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asText();
        } while (cursor != null);
        return sites;
    }

    /** Street/town codes, through the API. */
    Set<String> units() {
        Set<String> units = new TreeSet<>();
        http().get("/v1/areas").json().get("items").forEach(a -> {
            if (!a.get("kind").asText().equals("district")) {
                units.add(a.get("code").asText());
            }
        });
        return units;
    }

    /** What the brute force expects of one computed indicator. */
    record Expected(BigDecimal value, long numerator, Long denominator, String dataSource) {
    }

    static String kind(Set<String> sources) {
        boolean real = sources.stream().anyMatch(s -> !s.equals("synthetic"));
        boolean synthetic = sources.contains("synthetic");
        return synthetic ? (real ? "mixed" : "synthetic") : "real";
    }

    static BigDecimal ratio(long a, long b, int scale) {
        return b == 0 ? null : BigDecimal.valueOf(a * (long) scale).divide(BigDecimal.valueOf(b), 4, RoundingMode.HALF_UP);
    }

    /**
     * Recomputes the five computed indicators in Java from the sites and areas the API lists and from the raw
     * population rows (there is no population endpoint: the rows are read one by one and summed here, not by the
     * repository's aggregate).
     */
    Map<String, Expected> bruteForce() {
        List<JsonNode> sites = openSites();
        Set<String> units = units();
        long places = 0;
        long inclusive = 0;
        Set<String> childcareSources = new TreeSet<>();
        Map<String, Set<String>> unitsWith = new HashMap<>();
        Map<String, Set<String>> sourcesOf = new HashMap<>();
        for (JsonNode s : sites) {
            assertThat(s.get("status").asText()).isEqualTo("open");
            String category = s.get("category").asText();
            String subtype = s.get("subtype").asText();
            JsonNode slots = s.get("capacity").get("slots");
            if (category.equals("childcare") && !slots.isNull()) {
                places += slots.asLong();
                JsonNode inc = s.get("capacity").get("inclusiveSlots");
                inclusive += inc.isNull() ? 0 : inc.asLong();
                childcareSources.add(s.get("source").asText());
            }
            if (units.contains(s.get("areaCode").asText())) {
                String key = category + "/" + subtype;
                unitsWith.computeIfAbsent(key, k -> new TreeSet<>()).add(s.get("areaCode").asText());
                sourcesOf.computeIfAbsent(key, k -> new TreeSet<>()).add(s.get("source").asText());
            }
        }
        long residents = 0;
        Set<String> populationKinds = new TreeSet<>();
        for (Map<String, Object> row : db.sql("SELECT age_0_2, age_3_5, age_6_14, age_15_59, age_60_64, age_65_plus, "
                + "source FROM population_point").fetch().all().collectList().block()) {
            for (String band : List.of("age_0_2", "age_3_5", "age_6_14", "age_15_59", "age_60_64", "age_65_plus")) {
                residents += ((Number) row.get(band)).longValue();
            }
            // census/import cells are real, like osm/manual/import sites; kind() reads any non-synthetic as real
            populationKinds.add(List.of("census", "import").contains(row.get("source")) ? "real" : "synthetic");
        }
        Set<String> placesKinds = new TreeSet<>(childcareSources);
        placesKinds.addAll(populationKinds);
        Map<String, Expected> out = new HashMap<>();
        out.put(PLACES, new Expected(ratio(places, residents, 1000), places, residents, kind(placesKinds)));
        out.put(INCLUSIVE, new Expected(ratio(inclusive, places, 100), inclusive, places, kind(childcareSources)));
        for (String[] c : new String[][] {{ELDER_SCHOOLS, "school/elder_school"},
                {DISABILITY_HOMES, "assistance/disability_home"}}) {
            long covered = unitsWith.getOrDefault(c[1], Set.of()).size();
            out.put(c[0], new Expected(ratio(covered, units.size(), 100), covered, (long) units.size(),
                    kind(sourcesOf.getOrDefault(c[1], Set.of()))));
        }
        long stations = unitsWith.getOrDefault("assistance/assistance_station", Set.of()).size();
        out.put(STATIONS, new Expected(BigDecimal.valueOf(stations), stations, null,
                kind(sourcesOf.getOrDefault("assistance/assistance_station", Set.of()))));
        return out;
    }

    void assertComputedAsBruteForce(int year) {
        Map<String, Expected> expected = bruteForce();
        Map<String, JsonNode> items = list(year);
        assertThat(expected).hasSize(ComputedIndicator.values().length);
        expected.forEach((code, e) -> {
            JsonNode item = items.get(code);
            assertThat(item.get("source").asText()).as(code).isEqualTo("computed");
            assertThat(item.get("measuredBy").asText()).as(code).isEqualTo("computed");
            assertThat(item.get("value").decimalValue()).as(code).isEqualByComparingTo(e.value());
            JsonNode c = item.get("computation");
            assertThat(c.get("numerator").asLong()).as(code).isEqualTo(e.numerator());
            assertThat(c.get("denominator").isNull() ? null : c.get("denominator").asLong()).as(code)
                    .isEqualTo(e.denominator());
            assertThat(c.get("dataSource").asText()).as(code).isEqualTo(e.dataSource());
            assertThat(item.get("dataSource").asText()).as(code).isEqualTo(e.dataSource());
            // status is the judgement of the value shown against the year's target
            TargetRule rule = TargetRule.fromWire(item.get("target").get("rule").asText() + " "
                    + item.get("target").get("value").decimalValue().toPlainString());
            String status = rule.judge(e.value(), item.get("unit").asText(), item.get("unit").asText(), null,
                    TargetRule.Better.HIGHER).wire();
            assertThat(item.get("status").asText()).as(code).isEqualTo(status);
        });
    }

    @Test
    void computedIndicatorsEqualABruteForceRecomputationAndFollowEdits() {
        assertComputedAsBruteForce(2025);
        Map<String, JsonNode> before = list(2025);
        // the sample's population is synthetic, so places per 1,000 residents can never be labelled real here
        // (synthetic, or mixed once tests add manual nurseries); the label itself is checked against the brute force
        assertThat(before.get(PLACES).get("dataSource").asText()).isIn("synthetic", "mixed");
        assertThat(before.get(PLACES).get("computation").get("denominator").asLong()).isPositive();

        List<String> createdIds = new ArrayList<>();
        try {
            // a new real (manual) nursery changes places, share and their data source at once
            String nursery = """
                    {"category":"childcare","subtype":"nursery","name":"指标测试托育园 %s","location":{"lon":121.5436,"lat":29.87},
                     "capacity":{"slots":200,"inclusiveSlots":150}}""".formatted(UUID.randomUUID());
            Http.Response created = http().call(HttpMethod.POST, "/v1/sites", nursery, auth());
            assertThat(created.status()).isEqualTo(201);
            createdIds.add(created.json().get("id").asText());
            // an elder school in a unit that has none raises coverage by one unit: placed on a synthetic site of that
            // unit (inside its polygon), so the unit derived from the location is that one
            List<JsonNode> sites = openSites();
            Set<String> withElderSchool = new TreeSet<>();
            sites.stream().filter(s -> s.get("subtype").asText().equals("elder_school"))
                    .forEach(s -> withElderSchool.add(s.get("areaCode").asText()));
            JsonNode anchor = sites.stream().filter(s -> s.get("source").asText().equals("synthetic")
                    && !withElderSchool.contains(s.get("areaCode").asText())).findFirst().orElseThrow();
            String school = """
                    {"category":"school","subtype":"elder_school","name":"指标测试老年学校 %s","location":{"lon":%s,"lat":%s}}"""
                    .formatted(UUID.randomUUID(), anchor.get("location").get("lon").asText(),
                            anchor.get("location").get("lat").asText());
            Http.Response schoolCreated = http().call(HttpMethod.POST, "/v1/sites", school, auth());
            assertThat(schoolCreated.status()).isEqualTo(201);
            createdIds.add(schoolCreated.json().get("id").asText());
            assertThat(schoolCreated.json().get("areaCode").asText()).isEqualTo(anchor.get("areaCode").asText());
            Map<String, JsonNode> after = list(2025);
            assertThat(after.get(PLACES).get("computation").get("numerator").asLong())
                    .isEqualTo(before.get(PLACES).get("computation").get("numerator").asLong() + 200);
            assertThat(after.get(PLACES).get("dataSource").asText()).isEqualTo("mixed");
            assertThat(after.get(INCLUSIVE).get("computation").get("numerator").asLong())
                    .isEqualTo(before.get(INCLUSIVE).get("computation").get("numerator").asLong() + 150);
            assertThat(after.get(ELDER_SCHOOLS).get("computation").get("numerator").asLong())
                    .isEqualTo(before.get(ELDER_SCHOOLS).get("computation").get("numerator").asLong() + 1);
            assertThat(after.get(ELDER_SCHOOLS).get("dataSource").asText()).isNotEqualTo("synthetic");
            assertComputedAsBruteForce(2027);
        } finally {
            for (String id : createdIds) {
                http().call(HttpMethod.DELETE, "/v1/sites/" + id, null, Http.authIfMatch("*"));
            }
        }
        assertComputedAsBruteForce(2023);
    }

    @Test
    void everyIndicatorOfTheYearWithTargetAndTheFiveComputedOnes() {
        Http.Response r = http().get("/v1/indicators?year=2025");
        assertThat(r.json().get("year").asInt()).isEqualTo(2025);
        JsonNode items = r.json().get("items");
        assertThat(items).hasSize(22);
        for (int n = 1; n <= 22; n++) {
            JsonNode item = items.get(n - 1);
            assertThat(item.get("number").asInt()).isEqualTo(n);
            assertThat(item.get("target").get("year").asInt()).isEqualTo(2025);
            boolean computed = ComputedIndicator.of(item.get("code").asText()).isPresent();
            assertThat(item.get("measuredBy").asText()).isEqualTo(computed ? "computed" : "reported");
            assertThat(item.get("formula").isNull()).isEqualTo(!computed);
            assertThat(item.get("source").asText()).isIn(computed ? List.of("computed") : List.of("reported", "none"));
        }
        JsonNode unemployment = items.get(6);
        assertThat(unemployment.get("target").get("text").asText()).isEqualTo("<3.5");
        assertThat(unemployment.get("target").get("rule").asText()).isEqualTo("lt");
        assertThat(unemployment.get("better").asText()).isEqualTo("lower");
        JsonNode ltc = items.get(14);
        assertThat(ltc.get("target").get("text").asText()).isEqualTo("全覆盖");
        assertThat(ltc.get("target").get("rule").asText()).isEqualTo("full_coverage");
        assertThat(ltc.get("target").get("value").isNull()).isTrue();
        assertThat(items.get(9).get("baseline").get("text").asText()).isEqualTo("-");
        assertThat(items.get(9).get("baseline").get("value").isNull()).isTrue();
        // 2022 is the baseline year: no target, so no judgement
        list(2022).values().forEach(i -> {
            assertThat(i.get("target").isNull()).isTrue();
            assertThat(i.get("status").asText()).isEqualTo("unknown");
        });
    }

    Http.Response put(String code, int year, String body, String reason) {
        // raw: WebTestClient percent-encodes the URI itself (control characters and Chinese included)
        String query = reason == null ? "" : "?reason=" + reason;
        return http().call(HttpMethod.PUT, "/v1/indicators/" + code + "/values/" + year + query, body, Http.planner());
    }

    int historySize(String code) {
        return http().get("/v1/indicators/" + code).json().get("history").size();
    }

    @Test
    void reportedValuesRoundTripWithAnAppendOnlyHistory() {
        int before = historySize(WAGES);
        // a value differing from any earlier run's, so the first PUT always records
        BigDecimal value = new BigDecimal("95.1" + (System.nanoTime() % 9 + 1));
        Http.Response first = put(WAGES, 2025, "{\"value\":" + value + ",\"unit\":\"percent\"}", "季度通报");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("recorded").asBoolean()).isTrue();
        JsonNode item = first.json().get("indicator");
        assertThat(item.get("value").decimalValue()).isEqualByComparingTo(value);
        assertThat(item.get("status").asText()).isEqualTo("met"); // ≥ 95
        assertThat(item.get("source").asText()).isEqualTo("reported");
        assertThat(item.get("report").get("actor").asText()).isEqualTo("test-planner");
        assertThat(item.get("report").get("reason").asText()).isEqualTo("季度通报");

        // the same value again records nothing
        Http.Response again = put(WAGES, 2025, "{\"value\":" + value + ",\"unit\":\"percent\"}", null);
        assertThat(again.json().get("recorded").asBoolean()).isFalse();
        // a correction is appended; the list shows the latest
        Http.Response corrected = put(WAGES, 2025, "{\"value\":94.9,\"unit\":\"percent\"}", "更正");
        assertThat(corrected.json().get("recorded").asBoolean()).isTrue();
        assertThat(corrected.json().get("indicator").get("status").asText()).isEqualTo("behind");
        JsonNode listed = list(2025).get(WAGES);
        assertThat(listed.get("value").decimalValue()).isEqualByComparingTo("94.9");
        assertThat(listed.get("source").asText()).isEqualTo("reported");
        JsonNode other = list(2024).get(WAGES).get("report");
        assertThat(other.isNull() || other.get("year").asInt() == 2024).as("a 2025 report is not 2024's value").isTrue();

        JsonNode detail = http().get("/v1/indicators/" + WAGES).json();
        JsonNode history = detail.get("history");
        assertThat(history).hasSize(before + 2);
        assertThat(history.get(before).get("value").decimalValue()).isEqualByComparingTo(value);
        assertThat(history.get(before + 1).get("value").decimalValue()).isEqualByComparingTo("94.9");
        assertThat(history.get(before + 1).get("actor").asText()).isEqualTo("test-planner");
        JsonNode y2025 = detail.get("years").get(3);
        assertThat(y2025.get("year").asInt()).isEqualTo(2025);
        assertThat(y2025.get("value").decimalValue()).isEqualByComparingTo("94.9");
        assertThat(detail.get("targets")).hasSize(5);
        assertThat(detail.get("years")).hasSize(6);

        // the database itself refuses to rewrite or delete the history
        assertThatThrownBy(() -> db.sql("UPDATE indicator_value SET value = 100").fetch().rowsUpdated().block())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.sql("DELETE FROM indicator_value").fetch().rowsUpdated().block())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.sql("TRUNCATE indicator_value").fetch().rowsUpdated().block())
                .hasMessageContaining("append-only");
        assertThat(historySize(WAGES)).isEqualTo(before + 2);
    }

    @Test
    void statusFollowsEachSenseOfTarget() {
        // lt: "<3.5" (lower is better)
        assertThat(status(put("07-registered-unemployment", 2026, "{\"value\":3.49,\"unit\":\"percent\"}", null))).isEqualTo("met");
        assertThat(status(put("07-registered-unemployment", 2026, "{\"value\":3.5,\"unit\":\"percent\"}", null))).isEqualTo("behind");
        // lte: a plain number where lower is better (premature mortality, 2025: 8.69)
        assertThat(status(put("11-premature-chronic-mortality", 2025, "{\"value\":8.69,\"unit\":\"percent\"}", null))).isEqualTo("met");
        assertThat(status(put("11-premature-chronic-mortality", 2025, "{\"value\":8.7,\"unit\":\"percent\"}", null))).isEqualTo("behind");
        // gte: "≥32" and the plain 32 before it
        assertThat(status(put("13-certified-care-workers-per-10k-elderly", 2026, "{\"value\":32,\"unit\":\"persons_per_10k_elderly\"}", null))).isEqualTo("met");
        assertThat(status(put("13-certified-care-workers-per-10k-elderly", 2025, "{\"value\":31.9,\"unit\":\"persons_per_10k_elderly\"}", null))).isEqualTo("behind");
        // full coverage: judged on a share in percent; a head count alone stays unknown
        assertThat(status(put("15-long-term-care-insurance", 2025, "{\"value\":100,\"unit\":\"percent\"}", null))).isEqualTo("met");
        assertThat(status(put("15-long-term-care-insurance", 2025, "{\"value\":99.5,\"unit\":\"percent\"}", null))).isEqualTo("behind");
        assertThat(status(put("15-long-term-care-insurance", 2025, "{\"value\":80.2,\"unit\":\"10k_persons\"}", null))).isEqualTo("unknown");
        // 2023's target for the same indicator is a number in 10k persons: percent is refused there
        Http.Response wrongUnit = put("15-long-term-care-insurance", 2023, "{\"value\":100,\"unit\":\"percent\"}", null);
        assertThat(wrongUnit.status()).isEqualTo(422);
        assertThat(wrongUnit.code()).isEqualTo("UNIT_MISMATCH");
        // a 2022 report has no target to meet
        assertThat(status(put("14-pension-insurance-enrolment", 2022, "{\"value\":59.8,\"unit\":\"10k_persons\"}", null))).isEqualTo("unknown");
    }

    static String status(Http.Response r) {
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.json().get("indicator").get("status").asText();
    }

    @Test
    void badInputIsAProblemAndWritesNothing() {
        int before = historySize(WAGES);
        String ok = "{\"value\":95,\"unit\":\"percent\"}";
        assertProblem(http().call(HttpMethod.PUT, "/v1/indicators/" + WAGES + "/values/2025", ok, h -> { }), 401, "UNAUTHENTICATED");
        assertProblem(http().call(HttpMethod.PUT, "/v1/indicators/" + WAGES + "/values/2025", ok,
                h -> h.setBearerAuth("wrong-token")), 401, "INVALID_TOKEN");
        assertProblem(put(WAGES, 2021, ok, null), 400, "OUT_OF_RANGE");
        assertProblem(put(WAGES, 2028, ok, null), 400, "OUT_OF_RANGE");
        assertProblem(http().call(HttpMethod.PUT, "/v1/indicators/" + WAGES + "/values/next", ok, Http.planner()), 400, "INVALID_PARAMETER");
        assertProblem(put("99-no-such-indicator", 2025, ok, null), 404, "INDICATOR_NOT_FOUND");
        assertProblem(put(PLACES, 2025, "{\"value\":5,\"unit\":\"per_1000_residents\"}", null), 409, "INDICATOR_COMPUTED");
        assertProblem(put(WAGES, 2025, "{\"value\":-1,\"unit\":\"percent\"}", null), 400, "OUT_OF_RANGE");
        assertProblem(put(WAGES, 2025, "{\"value\":100.5,\"unit\":\"percent\"}", null), 400, "OUT_OF_RANGE");
        assertProblem(put(WAGES, 2025, "{\"value\":\"95\",\"unit\":\"percent\"}", null), 400, "INVALID_VALUE");
        assertProblem(put(WAGES, 2025, "{\"value\":true,\"unit\":\"percent\"}", null), 400, "INVALID_VALUE");
        assertProblem(put(WAGES, 2025, "{\"value\":95}", null), 400, "REQUIRED");
        assertProblem(put(WAGES, 2025, "{\"value\":95,\"unit\":\"percent\",\"year\":2025}", null), 400, "UNKNOWN_FIELD");
        assertProblem(put(WAGES, 2025, "{\"unit\":\"percent\"}", null), 400, "REQUIRED");
        assertProblem(put(WAGES, 2025, "{}", null), 400, "VALIDATION_FAILED");
        assertProblem(put(WAGES, 2025, "{\"value\":95,", null), 400, "MALFORMED_JSON");
        assertProblem(put(WAGES, 2025, "{\"value\":95,\"value\":96,\"unit\":\"percent\"}", null), 400, "DUPLICATE_KEY");
        assertProblem(put(WAGES, 2025, "{\"value\":95,\"unit\":\"10k_persons\"}", null), 422, "UNIT_MISMATCH");
        assertProblem(put(WAGES, 2025, ok, "a\u0001b"), 400, "INVALID_TEXT");
        assertProblem(put(WAGES, 2025, ok, "x".repeat(501)), 400, "TOO_LONG");
        assertProblem(http().get("/v1/indicators?year=2028"), 400, "OUT_OF_RANGE");
        assertProblem(http().get("/v1/indicators?year=2021"), 400, "OUT_OF_RANGE");
        assertProblem(http().get("/v1/indicators?year=soon"), 400, "INVALID_PARAMETER");
        assertProblem(http().get("/v1/indicators/99-no-such-indicator"), 404, "INDICATOR_NOT_FOUND");
        assertThat(historySize(WAGES)).isEqualTo(before);
    }

    static void assertProblem(Http.Response r, int status, String code) {
        assertThat(r.status()).as(r.raw()).isEqualTo(status);
        assertThat(r.headers().getContentType().toString()).startsWith("application/problem+json");
        assertThat(r.code()).as(r.raw()).isEqualTo(code);
    }

    @Test
    void definitionsLoadOnceByChecksumAndAgainWhenForgotten() {
        assertThat(loader.load().block().loaded()).isFalse();
        db.sql("DELETE FROM dataset_load WHERE dataset = 'haishu/indicators'").fetch().rowsUpdated().block();
        IndicatorLoader.Result again = loader.load().block();
        assertThat(again.loaded()).isTrue();
        assertThat(again.rows()).isEqualTo(22);
        assertThat(db.sql("SELECT count(*) AS n FROM indicator").map(r -> r.get("n", Long.class)).one().block()).isEqualTo(22);
        assertThat(db.sql("SELECT count(*) AS n FROM indicator_target").map(r -> r.get("n", Long.class)).one().block())
                .isEqualTo(22 * 5);
    }
}
