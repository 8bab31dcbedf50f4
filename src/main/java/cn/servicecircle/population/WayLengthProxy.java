package cn.servicecircle.population;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import cn.servicecircle.reach.core.GeoMath;
import cn.servicecircle.reach.core.WalkGraph;

/**
 * A population proxy for a region with a walking network but no population data: residents spread over grid cells
 * in proportion to the length of walkable ways in each cell (dense street grids are where people live; a crude
 * but reproducible proxy), scaled to a given total and split into census age bands by given shares. The result is
 * synthetic and must be labelled so wherever it is used.
 *
 * <p>Contract: cells are {@code cellMeters} squares on a lon/lat grid anchored at the graph's south-west corner;
 * an edge's length counts in the cell of its midpoint; cells without ways are omitted; counts are integers summing
 * exactly to {@code totalResidents} (largest remainder), and each cell's bands sum to its residents.
 */
public final class WayLengthProxy {
    private WayLengthProxy() {
    }

    /**
     * Shares of the census age bands, summing to 1.
     *
     * @param age0to2 …
     * @param age65plus shares of the bands 0–2, 3–5, 6–14, 15–59, 60–64, 65+
     */
    public record AgeShares(double age0to2, double age3to5, double age6to14, double age15to59, double age60to64,
                            double age65plus) {
        public AgeShares {
            double sum = age0to2 + age3to5 + age6to14 + age15to59 + age60to64 + age65plus;
            if (Math.abs(sum - 1) > 1e-9) {
                throw new IllegalArgumentException("age shares must sum to 1, got " + sum);
            }
        }

        double[] asArray() {
            return new double[]{age0to2, age3to5, age6to14, age15to59, age60to64, age65plus};
        }
    }

    /**
     * One proxy cell.
     *
     * @param id        {@code r<row>c<col>} of the grid
     * @param lon       cell centre, WGS84
     * @param lat       cell centre, WGS84
     * @param wayMeters walkable way length counted in the cell
     * @param bands     residents per band 0–2, 3–5, 6–14, 15–59, 60–64, 65+
     */
    public record ProxyCell(String id, double lon, double lat, double wayMeters, int[] bands) {
        public int residents() {
            int sum = 0;
            for (int b : bands) {
                sum += b;
            }
            return sum;
        }
    }

    /**
     * @param cellMeters     grid cell side, metres &gt; 0
     * @param totalResidents residents to spread, ≥ 0
     */
    public static List<ProxyCell> of(WalkGraph graph, double cellMeters, int totalResidents, AgeShares shares) {
        double minLon = Double.POSITIVE_INFINITY;
        double minLat = Double.POSITIVE_INFINITY;
        double maxLat = Double.NEGATIVE_INFINITY;
        for (int n = 0; n < graph.nodeCount(); n++) {
            minLon = Math.min(minLon, graph.lon(n));
            minLat = Math.min(minLat, graph.lat(n));
            maxLat = Math.max(maxLat, graph.lat(n));
        }
        double dLat = cellMeters / GeoMath.METERS_PER_DEGREE;
        double dLon = dLat / Math.cos(Math.toRadians((minLat + maxLat) / 2));
        Map<Long, Double> meters = new TreeMap<>();
        double total = 0;
        for (int e = 0; e < graph.edgeCount(); e++) {
            double lon = (graph.lon(graph.edgeNodeA(e)) + graph.lon(graph.edgeNodeB(e))) / 2;
            double lat = (graph.lat(graph.edgeNodeA(e)) + graph.lat(graph.edgeNodeB(e))) / 2;
            long row = (long) Math.floor((lat - minLat) / dLat);
            long col = (long) Math.floor((lon - minLon) / dLon);
            meters.merge(row * 1_000_000 + col, graph.edgeDistanceMeters(e), Double::sum);
            total += graph.edgeDistanceMeters(e);
        }
        // residents per cell by largest remainder, then bands per cell the same way
        List<Long> keys = new ArrayList<>(meters.keySet());
        int[] residents = apportion(keys.stream().mapToDouble(k -> meters.get(k)).toArray(), totalResidents);
        List<ProxyCell> out = new ArrayList<>();
        double[] share = shares.asArray();
        for (int i = 0; i < keys.size(); i++) {
            if (residents[i] == 0) {
                continue;
            }
            long row = keys.get(i) / 1_000_000;
            long col = keys.get(i) % 1_000_000;
            out.add(new ProxyCell(String.format("r%03dc%03d", row, col), minLon + (col + 0.5) * dLon,
                    minLat + (row + 0.5) * dLat, meters.get(keys.get(i)), apportion(share, residents[i])));
        }
        return out;
    }

    /** Integers proportional to {@code weights} summing exactly to {@code total}; ties to the lower index. */
    static int[] apportion(double[] weights, int total) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        int[] out = new int[weights.length];
        if (sum <= 0 || total == 0) {
            return out;
        }
        double[] remainder = new double[weights.length];
        int given = 0;
        for (int i = 0; i < weights.length; i++) {
            double exact = weights[i] / sum * total;
            out[i] = (int) Math.floor(exact);
            remainder[i] = exact - out[i];
            given += out[i];
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingDouble(i -> -remainder[i]).thenComparingInt(i -> i));
        for (int k = 0; k < total - given; k++) {
            out[order.get(k)]++;
        }
        return out;
    }
}
