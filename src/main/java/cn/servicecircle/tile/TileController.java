package cn.servicecircle.tile;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.servicecircle.access.AccessVocabulary;
import cn.servicecircle.access.Coverage;
import cn.servicecircle.coverage.CoverageParams;
import cn.servicecircle.coverage.CoverageService;
import cn.servicecircle.reach.ReachController;
import cn.servicecircle.site.SiteCategory;
import cn.servicecircle.web.ApiException;
import reactor.core.publisher.Mono;

/**
 * Vector tiles for maps: {@code /v1/tiles/{layer}/{z}/{x}/{y}.mvt}, Web Mercator (EPSG:3857) from WGS84 data, one
 * layer per tile named like the path's layer. {@code sites} (open sites, {@code category} to pick one),
 * {@code areas} (the district and its streets/towns) and {@code coverage} ({@code group} required: each population
 * point with the group's demand, whether it is served and the nearest serving site, as {@code /v1/gaps} has them,
 * from the live index snapshot). An empty tile is an empty body.
 */
@RestController
public class TileController {
    static final MediaType MVT = MediaType.parseMediaType("application/vnd.mapbox-vector-tile");

    private final TileRepository tiles;
    private final CoverageService coverage;
    private final AccessVocabulary vocabulary;

    public TileController(TileRepository tiles, CoverageService coverage, AccessVocabulary vocabulary) {
        this.tiles = tiles;
        this.coverage = coverage;
        this.vocabulary = vocabulary;
    }

    @GetMapping("/v1/tiles/{layer}/{z}/{x}/{y}.mvt")
    public Mono<ResponseEntity<byte[]>> tile(@PathVariable String layer, @PathVariable String z,
                                             @PathVariable String x, @PathVariable String y,
                                             @RequestParam(required = false) String category,
                                             @RequestParam(required = false) String group) {
        TileAddress at = TileAddress.parse(z, x, y);
        return switch (layer) {
            case "sites" -> tiles.sites(at, category(category)).map(TileController::ok);
            case "areas" -> tiles.areas(at).map(TileController::ok);
            case "coverage" -> coverageTile(at, group);
            default -> throw new ApiException(404, "UNKNOWN_LAYER",
                    "Unknown tile layer '" + layer + "'; layers: sites, areas, coverage");
        };
    }

    private Mono<ResponseEntity<byte[]>> coverageTile(TileAddress at, String group) {
        if (group == null || group.isBlank()) {
            throw ApiException.badField("group", "REQUIRED", "the coverage layer needs a demand group");
        }
        var demandGroup = CoverageParams.group(vocabulary, group);
        double[] b = at.lonLatBounds();
        // a little wider than the tile, as the tile's buffer: PostGIS clips exactly
        double padLon = (b[2] - b[0]) * 0.05;
        double padLat = (b[3] - b[1]) * 0.05;
        return coverage.coverage(List.of(demandGroup)).flatMap(answer -> {
            List<Coverage.CellResult> in = new ArrayList<>();
            for (Coverage.CellResult c : answer.results().get(0).cells()) {
                var l = c.cell().located();
                // unlocated cells have no place the method measured from; the tile still shows them (unserved)
                if (l == null || (l.lon() >= b[0] - padLon && l.lon() <= b[2] + padLon
                        && l.lat() >= b[1] - padLat && l.lat() <= b[3] + padLat)) {
                    in.add(c);
                }
            }
            String[] ids = new String[in.size()];
            Double[] demand = new Double[in.size()];
            Boolean[] served = new Boolean[in.size()];
            Double[] nearest = new Double[in.size()];
            for (int i = 0; i < ids.length; i++) {
                Coverage.CellResult c = in.get(i);
                ids[i] = c.cell().id();
                demand[i] = Math.round(c.demand() * 10) / 10.0;
                served[i] = c.served();
                nearest[i] = c.nearestMeters() == null ? null : Math.round(c.nearestMeters() * 10) / 10.0;
            }
            return tiles.cells(at, ids, demand, served, nearest).map(bytes -> ResponseEntity.ok().contentType(MVT)
                    .header(ReachController.INDEX_GENERATION, Long.toString(answer.stamp().generation()))
                    .body(bytes));
        });
    }

    private static String category(String category) {
        if (category == null || category.isBlank()) {
            return "";
        }
        return SiteCategory.fromWire(category).map(c -> category).orElseThrow(() -> ApiException.badField("category",
                "UNKNOWN_CATEGORY", "Unknown category '" + category + "'"));
    }

    private static ResponseEntity<byte[]> ok(byte[] body) {
        return ResponseEntity.ok().contentType(MVT).body(body);
    }
}
