package cn.servicecircle.population;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.servicecircle.coord.CoordSys;
import cn.servicecircle.coord.LonLat;
import cn.servicecircle.web.ApiException;
import cn.servicecircle.web.CoordParams;
import cn.servicecircle.web.GeoJson;
import reactor.core.publisher.Mono;

/** Residents by age band: a summary per street/town, or the points themselves as GeoJSON. */
@RestController
public class PopulationController {
    private final PopulationRepository population;

    public PopulationController(PopulationRepository population) {
        this.population = population;
    }

    /**
     * Residents of one area (or all) by census age band.
     *
     * @param areaCode null for the whole region
     * @param points   population points (grid cells or communities)
     * @param sources  where the counts come from (census, synthetic, import), sorted
     */
    public record BandsJson(String areaCode, int points, long residents, long age0to2, long age3to5, long age6to14,
                            long age15to59, long age60to64, long age65plus, List<String> sources) {
    }

    /** GET /v1/population (summary). */
    public record Summary(BandsJson total, List<BandsJson> areas, String note) {
    }

    @GetMapping("/v1/population")
    public Mono<Object> population(@RequestParam(required = false) String area,
                                   @RequestParam(required = false) String format,
                                   @RequestParam(required = false) String coordSys) {
        CoordSys sys = CoordParams.coordSys(coordSys);
        boolean geojson = format != null && format.equals("geojson");
        if (format != null && !geojson && !format.equals("summary")) {
            throw ApiException.badField("format", "INVALID_PARAMETER", "format is 'summary' (default) or 'geojson'");
        }
        String areaCode = area == null || area.isBlank() ? null : area;
        return population.all().filter(p -> areaCode == null || areaCode.equals(p.areaCode())).collectList()
                .map(points -> geojson ? features(points, sys) : summary(points));
    }

    private static Summary summary(List<PopulationPoint> points) {
        Map<String, List<PopulationPoint>> byArea = new TreeMap<>();
        points.forEach(p -> byArea.computeIfAbsent(p.areaCode(), k -> new ArrayList<>()).add(p));
        List<BandsJson> areas = new ArrayList<>();
        byArea.forEach((code, list) -> areas.add(bands(code, list)));
        return new Summary(bands(null, points), areas, "Age bands are the census's; a source 'synthetic' marks "
                + "generated counts (see geo-data/MANIFEST.md), never real figures");
    }

    private static BandsJson bands(String code, List<PopulationPoint> points) {
        long a0 = 0, a3 = 0, a6 = 0, a15 = 0, a60 = 0, a65 = 0;
        TreeSet<String> sources = new TreeSet<>();
        for (PopulationPoint p : points) {
            a0 += p.age0to2();
            a3 += p.age3to5();
            a6 += p.age6to14();
            a15 += p.age15to59();
            a60 += p.age60to64();
            a65 += p.age65plus();
            sources.add(p.source());
        }
        return new BandsJson(code, points.size(), a0 + a3 + a6 + a15 + a60 + a65, a0, a3, a6, a15, a60, a65,
                List.copyOf(sources));
    }

    private static Map<String, Object> features(List<PopulationPoint> points, CoordSys sys) {
        List<Object> features = new ArrayList<>(points.size());
        for (PopulationPoint p : points) {
            LonLat at = CoordParams.fromWgs84(p.lon(), p.lat(), sys);
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("id", p.id());
            props.put("areaCode", p.areaCode());
            props.put("residents", p.total());
            props.put("age0to2", p.age0to2());
            props.put("age3to5", p.age3to5());
            props.put("age6to14", p.age6to14());
            props.put("age15to59", p.age15to59());
            props.put("age60to64", p.age60to64());
            props.put("age65plus", p.age65plus());
            props.put("source", p.source());
            props.put("asOfYear", p.asOfYear());
            features.add(GeoJson.pointFeature(at, props));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "FeatureCollection");
        out.put("coordSys", sys.code());
        out.put("features", features);
        return out;
    }
}
