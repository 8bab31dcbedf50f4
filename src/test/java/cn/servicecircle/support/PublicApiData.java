package cn.servicecircle.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Inputs for brute-force recomputations read from the public API only (population points, open sites), and the
 * tests' own distance formula — nothing shared with the production code path.
 */
public final class PublicApiData {
    private PublicApiData() {
    }

    /** The test client buffers at most 64 KiB per answer unless told otherwise; the point lists are larger. */
    public static Http bigHttp(org.springframework.test.web.reactive.server.WebTestClient web) {
        return new Http(web.mutate().codecs(c -> c.defaultCodecs().maxInMemorySize(16 << 20)).build());
    }

    /** A population point: WGS84 degrees and its GeoJSON properties (age bands, areaCode). */
    public record Point(String id, String areaCode, double lon, double lat, JsonNode properties) {
    }

    /** Every population point, one area at a time (an area's GeoJSON fits one answer). */
    public static List<Point> populationPoints(Http http) {
        List<Point> out = new ArrayList<>();
        for (JsonNode a : http.get("/v1/population").json().get("areas")) {
            for (JsonNode f : http.get("/v1/population?format=geojson&area=" + a.get("areaCode").asText()).json()
                    .get("features")) {
                JsonNode p = f.get("properties");
                out.add(new Point(p.get("id").asText(), p.get("areaCode").asText(),
                        f.at("/geometry/coordinates/0").asDouble(), f.at("/geometry/coordinates/1").asDouble(), p));
            }
        }
        return out;
    }

    /** Every open site as the API shows it (WGS84). */
    public static List<JsonNode> openSites(Http http) {
        List<JsonNode> out = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = http.get("/v1/sites?limit=500" + (cursor == null ? "" : "&cursor="
                    + URLEncoder.encode(cursor, StandardCharsets.UTF_8))).json();
            page.get("items").forEach(out::add);
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        return out;
    }

    /** Great-circle metres on the mean Earth radius (haversine). */
    public static double greatCircleMeters(double lon1, double lat1, double lon2, double lat2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double h = Math.sin((p2 - p1) / 2) * Math.sin((p2 - p1) / 2)
                + Math.cos(p1) * Math.cos(p2) * Math.sin(Math.toRadians(lon2 - lon1) / 2)
                * Math.sin(Math.toRadians(lon2 - lon1) / 2);
        return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
