package cn.servicecircle.reach;

import cn.servicecircle.reach.core.NodeSnapper;
import cn.servicecircle.reach.core.SnappedSite;
import cn.servicecircle.reach.core.WalkGraph;
import cn.servicecircle.reach.graphhopper.GraphHopperWalkGraphLoader;
import cn.servicecircle.site.osm.OsmSite;
import cn.servicecircle.site.osm.OsmSiteImporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real Heidelberg test region, loaded once per JVM (GraphHopper cache in target/). */
public final class Heidelberg {

    public static final Path PBF = Path.of("geo-data/heidelberg/heidelberg.test.pbf");
    public static final Path CACHE = Path.of("target/graph-cache-test");

    private static WalkGraph graph;
    private static List<OsmSite> sites;

    private Heidelberg() {
    }

    public static synchronized WalkGraph graph() {
        if (graph == null) {
            graph = GraphHopperWalkGraphLoader.load(PBF, CACHE);
        }
        return graph;
    }

    public static synchronized List<OsmSite> sites() {
        if (sites == null) {
            sites = OsmSiteImporter.read(PBF);
        }
        return sites;
    }

    /** Sites of one subtype snapped to the graph (those that do not snap are left out). */
    public static List<SnappedSite> snapped(NodeSnapper snapper, String subtype) {
        List<SnappedSite> out = new ArrayList<>();
        for (OsmSite s : sites()) {
            if (s.subtype().equals(subtype)) {
                snapper.snap(s.lon(), s.lat()).ifPresent(snap -> out.add(new SnappedSite(s.externalId(), snap)));
            }
        }
        return out;
    }
}
