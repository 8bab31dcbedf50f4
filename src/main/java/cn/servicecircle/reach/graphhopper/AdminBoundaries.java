package cn.servicecircle.reach.graphhopper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.polygonize.Polygonizer;
import org.locationtech.jts.operation.union.UnaryUnionOp;

import com.carrotsearch.hppc.LongArrayList;
import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.LongObjectHashMap;
import com.graphhopper.reader.ReaderElement;
import com.graphhopper.reader.ReaderNode;
import com.graphhopper.reader.ReaderRelation;
import com.graphhopper.reader.ReaderWay;
import com.graphhopper.reader.osm.OSMInputFile;
import com.graphhopper.reader.osm.SkipOptions;

/**
 * The administrative boundaries ({@code boundary=administrative} relations) a PBF holds completely: every member way
 * and every node of them is in the file and the outer ways close into rings. Extracts usually carry the relations of
 * the country and province they lie in only in part; those are left out. Three passes over the file (relations,
 * ways, nodes) keep memory to the boundaries' own ways.
 */
public final class AdminBoundaries {
    private static final GeometryFactory WGS84 = new GeometryFactory();

    private AdminBoundaries() {
    }

    /**
     * A complete boundary.
     *
     * @param relationId OSM relation id
     * @param adminLevel {@code admin_level} (2 = country … 8 = municipality), 99 when absent or not a number
     * @param tags       the relation's tags (name, name:en, name:zh, ISO3166-1/-2, ref …)
     * @param outline    the area, WGS84 (outer rings minus inner rings), valid
     */
    public record Boundary(long relationId, int adminLevel, Map<String, String> tags, Geometry outline) {
        /** @return the first present tag of the keys, else null */
        public String tag(String... keys) {
            for (String k : keys) {
                String v = tags.get(k);
                if (v != null && !v.isBlank()) {
                    return v.trim();
                }
            }
            return null;
        }
    }

    /** @return every complete administrative boundary of the file, largest unit first (admin level, then area) */
    public static List<Boundary> read(Path pbf) {
        Map<Long, ReaderRelation> relations = new HashMap<>();
        LongHashSet wayIds = new LongHashSet();
        scan(pbf, new SkipOptions(true, true, false), el -> {
            if (el instanceof ReaderRelation r && "administrative".equals(r.getTag("boundary"))) {
                relations.put(r.getId(), r);
                for (ReaderRelation.Member m : r.getMembers()) {
                    if (m.getType() == ReaderElement.Type.WAY) {
                        wayIds.add(m.getRef());
                    }
                }
            }
        });
        if (relations.isEmpty()) {
            return List.of();
        }
        LongObjectHashMap<LongArrayList> ways = new LongObjectHashMap<>();
        LongHashSet nodeIds = new LongHashSet();
        scan(pbf, new SkipOptions(true, false, true), el -> {
            if (el instanceof ReaderWay w && wayIds.contains(w.getId())) {
                ways.put(w.getId(), w.getNodes());
                for (int i = 0; i < w.getNodes().size(); i++) {
                    nodeIds.add(w.getNodes().get(i));
                }
            }
        });
        LongObjectHashMap<Coordinate> nodes = new LongObjectHashMap<>();
        scan(pbf, new SkipOptions(false, true, true), el -> {
            if (el instanceof ReaderNode n && nodeIds.contains(n.getId())) {
                nodes.put(n.getId(), new Coordinate(n.getLon(), n.getLat()));
            }
        });
        List<Boundary> out = new ArrayList<>();
        for (ReaderRelation r : relations.values()) {
            assemble(r, ways, nodes).ifPresent(g -> out.add(new Boundary(r.getId(), level(r.getTag("admin_level")),
                    Map.copyOf(r.getTags().entrySet().stream().collect(HashMap<String, String>::new,
                            (m, e) -> m.put(e.getKey(), String.valueOf(e.getValue())), HashMap::putAll)), g)));
        }
        out.sort(Comparator.comparingInt(Boundary::adminLevel)
                .thenComparing(Comparator.comparingDouble((Boundary b) -> b.outline().getArea()).reversed())
                .thenComparingLong(Boundary::relationId));
        return out;
    }

    /** The relation's area, or empty when a way or node is missing or the outer ways do not close. */
    static Optional<Geometry> assemble(ReaderRelation r, LongObjectHashMap<LongArrayList> ways,
                                       LongObjectHashMap<Coordinate> nodes) {
        Polygonizer outer = new Polygonizer(true);
        Polygonizer inner = new Polygonizer(true);
        int outerWays = 0;
        for (ReaderRelation.Member m : r.getMembers()) {
            if (m.getType() != ReaderElement.Type.WAY) {
                continue; // admin centre and label nodes, subarea relations
            }
            LongArrayList ids = ways.get(m.getRef());
            if (ids == null || ids.size() < 2) {
                return Optional.empty();
            }
            Coordinate[] line = new Coordinate[ids.size()];
            for (int i = 0; i < ids.size(); i++) {
                line[i] = nodes.get(ids.get(i));
                if (line[i] == null) {
                    return Optional.empty();
                }
            }
            boolean isInner = "inner".equals(m.getRole());
            (isInner ? inner : outer).add(WGS84.createLineString(line));
            outerWays += isInner ? 0 : 1;
        }
        if (outerWays == 0 || !outer.getDangles().isEmpty() || !outer.getCutEdges().isEmpty()
                || !outer.getInvalidRingLines().isEmpty()) {
            return Optional.empty();
        }
        Geometry area = UnaryUnionOp.union(new ArrayList<Geometry>(outer.getPolygons()));
        if (!inner.getPolygons().isEmpty()) {
            area = area.difference(UnaryUnionOp.union(new ArrayList<Geometry>(inner.getPolygons())));
        }
        return area.isEmpty() || !area.isValid() || !(area instanceof Polygon || area.getNumGeometries() > 0)
                ? Optional.empty() : Optional.of(area);
    }

    private static int level(String adminLevel) {
        try {
            return adminLevel == null ? 99 : Integer.parseInt(adminLevel.trim());
        } catch (NumberFormatException e) {
            return 99;
        }
    }

    private interface Visitor {
        void visit(ReaderElement element);
    }

    private static void scan(Path pbf, SkipOptions skip, Visitor visitor) {
        try (OSMInputFile in = new OSMInputFile(pbf.toFile()).setWorkerThreads(1).setSkipOptions(skip).open()) {
            for (ReaderElement el = in.getNext(); el != null; el = in.getNext()) {
                visitor.visit(el);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + pbf + ": " + e.getMessage(), e);
        }
    }
}
