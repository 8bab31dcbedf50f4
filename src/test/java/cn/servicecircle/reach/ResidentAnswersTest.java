package cn.servicecircle.reach;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import cn.servicecircle.support.ApiTestBase;
import cn.servicecircle.support.Http;

/**
 * Residents' answers follow the access model's rule (issue #7, item 8): every configured subtype is checked even
 * without any site, a smaller circle asks for less, and every site says where its record comes from.
 */
class ResidentAnswersTest extends ApiTestBase {
    static final double LON = 121.5436;
    static final double LAT = 29.87;

    @Test
    void everyConfiguredSubtypeIsCheckedAndTheAskedMinutesCount() {
        Http http = new Http(web);
        JsonNode fifteen = http.get("/v1/reach?lon=" + LON + "&lat=" + LAT).json();
        JsonNode five = http.get("/v1/reach?lon=" + LON + "&lat=" + LAT + "&minutes=5").json();
        Set<String> listed = new HashSet<>();
        for (JsonNode c : fifteen.get("categories")) {
            c.get("subtypes").forEach(s -> listed.add(c.get("category").asText() + "/" + s.get("subtype").asText()));
        }
        // named in application.yaml's thresholds, whether or not the sample has such a site
        assertThat(listed).contains("school/kindergarten", "school/primary", "school/middle", "school/elder_school",
                "clinic/community_health_station", "clinic/community_health_centre", "elder_care/nursing_home",
                "assistance/disability_home", "childcare/nursery");
        double fiveMinutesMeters = 5 * 60 * 4000.0 / 3600; // adult 4 km/h
        int metFive = 0;
        int metFifteen = 0;
        for (int i = 0; i < five.get("categories").size(); i++) {
            JsonNode c5 = five.get("categories").get(i);
            JsonNode c15 = fifteen.get("categories").get(i);
            boolean any5 = false;
            for (int j = 0; j < c5.get("subtypes").size(); j++) {
                JsonNode s5 = c5.get("subtypes").get(j);
                JsonNode s15 = c15.get("subtypes").get(j);
                assertThat(s5.get("subtype")).isEqualTo(s15.get("subtype"));
                Double nearest = s15.get("nearestWalkMeters").isNull() ? null : s15.get("nearestWalkMeters").asDouble();
                int threshold = s15.get("thresholdMeters").asInt();
                assertThat(s15.get("thresholdMet").asBoolean()).isEqualTo(nearest != null && nearest <= threshold + 0.5);
                assertThat(s5.get("thresholdMet").asBoolean())
                        .as("%s at 5 minutes", s5.get("subtype").asText())
                        .isEqualTo(nearest != null && nearest <= Math.min(threshold, fiveMinutesMeters) + 0.5);
                any5 |= s5.get("thresholdMet").asBoolean();
            }
            assertThat(c5.get("thresholdMet").asBoolean()).isEqualTo(any5);
            metFive += any5 ? 1 : 0;
            metFifteen += c15.get("thresholdMet").asBoolean() ? 1 : 0;
        }
        assertThat(five.at("/score/met").asInt()).isEqualTo(metFive).isLessThanOrEqualTo(metFifteen);
        assertThat(fifteen.at("/score/met").asInt()).isEqualTo(metFifteen);
    }

    /** With nothing within a minute's walk, nearby still names the nearest site of each category and its distance. */
    @Test
    void nothingNearStillSaysHowFarTheNearestIs() {
        Http http = new Http(web);
        JsonNode all = http.get("/v1/nearby?lon=" + LON + "&lat=" + LAT).json();
        JsonNode tight = http.get("/v1/nearby?lon=" + LON + "&lat=" + LAT + "&maxMinutes=1").json();
        assertThat(all.get("nearestBeyondMaxMinutes").size()).isZero();
        Set<String> named = new HashSet<>();
        for (JsonNode i : tight.get("items")) {
            assertThat(i.get("walkSeconds").asInt()).isLessThanOrEqualTo(60);
            named.add(i.at("/site/category").asText());
        }
        for (JsonNode i : tight.get("nearestBeyondMaxMinutes")) {
            assertThat(i.get("walkSeconds").asInt()).isGreaterThan(60);
            named.add(i.at("/site/category").asText());
        }
        Set<String> expected = new HashSet<>();
        all.get("items").forEach(i -> expected.add(i.at("/site/category").asText()));
        assertThat(named).isEqualTo(expected).hasSize(5);
        // the same nearest site per category, wherever it is listed
        for (JsonNode i : all.get("items")) {
            boolean found = false;
            for (JsonNode list : new JsonNode[]{tight.get("items"), tight.get("nearestBeyondMaxMinutes")}) {
                for (JsonNode j : list) {
                    found |= j.at("/site/id").equals(i.at("/site/id"));
                }
            }
            assertThat(found).as("nearest %s", i.at("/site/category").asText()).isTrue();
        }
    }

    @Test
    void sitesSayWhereTheirRecordComesFrom() {
        Http http = new Http(web);
        Set<String> sources = new HashSet<>();
        for (JsonNode item : http.get("/v1/nearby?lon=" + LON + "&lat=" + LAT).json().get("items")) {
            sources.add(item.at("/site/source").asText());
        }
        for (JsonNode c : http.get("/v1/reach?lon=" + LON + "&lat=" + LAT).json().get("categories")) {
            c.get("sites").forEach(s -> sources.add(s.at("/site/source").asText()));
        }
        assertThat(sources).isSubsetOf("osm", "synthetic", "manual", "import").contains("synthetic");
    }
}
