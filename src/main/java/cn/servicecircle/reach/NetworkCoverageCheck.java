package cn.servicecircle.reach;

import java.util.List;
import java.util.Locale;

import org.locationtech.jts.geom.Geometry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import cn.servicecircle.area.Area;
import cn.servicecircle.area.AreaRepository;
import cn.servicecircle.reach.core.GeoMath;

/**
 * At start, when the region has a walking network: waits for it to load, measures which share of the region
 * outline's area lies within the network's footprint, logs it, shows it in the walkNetwork health details, and
 * stops the start below {@code sc.reach.min-outline-share}. Refusing, not falling back to straight-line: an operator
 * who configured a network expects network answers, and a clipped extract would answer "network" in one part of the
 * district, "not routable" in the rest and count the rest's residents as unserved (ADR 0010). Runs after the
 * geo-data loader, which writes the outline.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
public class NetworkCoverageCheck implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(NetworkCoverageCheck.class);

    private final WalkNetwork network;
    private final AreaRepository areas;
    private final ReachProperties properties;

    public NetworkCoverageCheck(WalkNetwork network, AreaRepository areas, ReachProperties properties) {
        this.network = network;
        this.areas = areas;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.hasNetwork()) {
            return;
        }
        WalkNetwork.Loaded loaded = network.whenLoaded().join(); // the start waits for the graph (cached: < 1 s)
        List<Area> districts = areas.list(true).filter(a -> "district".equals(a.kind()) && a.geometry() != null)
                .collectList().block();
        if (districts == null || districts.isEmpty()) {
            throw new IllegalStateException("The region has a walking network (" + properties.networkPbf()
                    + ") but no outline in the database to check it against");
        }
        Geometry outline = districts.get(0).geometry();
        for (int i = 1; i < districts.size(); i++) {
            outline = outline.union(districts.get(i).geometry());
        }
        WalkNetwork.OutlineCoverage coverage = measure(outline, loaded.footprint().getGeometry(),
                properties.minOutlineShare());
        network.recordOutlineCoverage(coverage);
        String figures = String.format(Locale.ROOT, "the walking network %s covers %.1f %% of the region outline "
                        + "(%.1f km²; footprint = within %d m of a walkable way, holes filled); bound "
                        + "sc.reach.min-outline-share %.2f", properties.networkPbf(), coverage.share() * 100,
                coverage.outlineKm2(), properties.maxSnapMeters(), coverage.minShare());
        if (coverage.share() < coverage.minShare()) {
            throw new IllegalStateException("Refusing to start: " + figures + ". The extract is clipped or of "
                    + "another place: cut it to the whole outline (README, Regions), or lower the bound for this "
                    + "region if the rest is land without ways");
        }
        log.info("Network coverage: {}", figures);
    }

    /** Share of the outline's area inside the footprint (both WGS84; the ratio is taken in a local metric frame). */
    public static WalkNetwork.OutlineCoverage measure(Geometry outline, Geometry footprint, double minShare) {
        double lat = outline.getCentroid().getY();
        double km2PerDeg2 = GeoMath.metersPerDegreeLon(lat) * GeoMath.METERS_PER_DEGREE / 1e6;
        double outlineArea = outline.getArea();
        double covered = outlineArea == 0 ? 0 : outline.intersection(footprint).getArea() / outlineArea;
        return new WalkNetwork.OutlineCoverage(covered, minShare, outlineArea * km2PerDeg2);
    }
}
