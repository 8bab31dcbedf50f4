package cn.servicecircle.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import cn.servicecircle.reach.Heidelberg;
import cn.servicecircle.reach.NetworkReference;
import cn.servicecircle.reach.core.Snap;
import cn.servicecircle.reach.graphhopper.PopulationProxyExport;
import cn.servicecircle.support.HeidelbergTestBase;
import cn.servicecircle.support.Http;

/**
 * Coverage by network walking distance on the real Heidelberg network (with its synthetic population proxy),
 * against a plain multi-source Dijkstra run here from the kindergartens the API lists and the points it serves.
 */
class HeidelbergCoverageTest extends HeidelbergTestBase {

    Http http() {
        return new Http(web.mutate().codecs(c -> c.defaultCodecs().maxInMemorySize(16 << 20)).build());
    }

    @Test
    void preschoolCoverageEqualsAPlainDijkstraFromEveryKindergarten() {
        Http http = http();
        JsonNode coverage = http.get("/v1/coverage?group=preschool").json();
        assertThat(coverage.get("method").asText()).isEqualTo("network");
        JsonNode g = coverage.at("/groups/0");
        assertThat(g.get("populationSources").toString()).contains("synthetic");

        NetworkReference ref = new NetworkReference(Heidelberg.graph());
        List<Snap> kindergartens = new ArrayList<>();
        for (JsonNode s : http.get("/v1/sites?category=school&subtype=kindergarten&limit=500").json().get("items")) {
            ref.snap(s.at("/location/lon").asDouble(), s.at("/location/lat").asDouble()).ifPresent(kindergartens::add);
        }
        assertThat(kindergartens).hasSizeGreaterThan(10);
        double[] meters = ref.nodeMeters(kindergartens, Double.POSITIVE_INFINITY);
        double demand = 0;
        double served = 0;
        double unlocated = 0;
        for (JsonNode f : http.get("/v1/population?format=geojson").json().get("features")) {
            double d = f.at("/properties/age3to5").asDouble();
            if (d <= 0) {
                continue;
            }
            demand += d;
            Snap at = ref.snap(f.at("/geometry/coordinates/0").asDouble(), f.at("/geometry/coordinates/1").asDouble())
                    .orElse(null);
            if (at == null) {
                unlocated += d;
                continue;
            }
            served += ref.metersTo(meters, kindergartens, at) <= 300 ? d : 0;
        }
        assertThat(g.at("/total/demand").asDouble()).isCloseTo(demand, within(0.5));
        assertThat(g.at("/total/served").asDouble()).isCloseTo(served, within(0.5));
        assertThat(g.at("/total/unlocatedDemand").asDouble()).isCloseTo(unlocated, within(0.5));
        assertThat(served).as("partly served: the comparison means something").isBetween(1.0, demand - 1);
    }

    /** The committed proxy is what the export makes from the PBF today. */
    @Test
    void theCommittedProxyEqualsAFreshExport() throws Exception {
        String committed = Files.readString(java.nio.file.Path.of("geo-data/heidelberg/population.proxy.synthetic.csv"),
                StandardCharsets.UTF_8);
        assertThat(PopulationProxyExport.csv(Heidelberg.graph(), "DE-HD")).isEqualTo(committed);
    }
}
