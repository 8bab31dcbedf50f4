package cn.servicecircle.geodata;

import cn.servicecircle.geodata.HaishuSampleGenerator.Cell;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntToLongFunction;

/**
 * SYNTHETIC kindergartens and community health centres/stations of the Haishu sample: the OSM extract has none of
 * either, so without them the 3–5 demand group and the "everyone → community health" group had no supply at all.
 * Rows are appended after {@link HaishuSampleGenerator#generateSites}'s rows and drawn from their own random stream
 * ({@link #SEED}), so the earlier 258 synthetic sites stay byte-identical (a database loaded before keeps matching
 * them by external id).
 *
 * <p>Rules per unit (documented in geo-data/MANIFEST.md; numbers marked "assumption" are ours, not norms):
 * <ul>
 *   <li>Kindergartens ({@code school/kindergarten}): {@code max(1, round(children 3–5 / }{@value
 *       #CHILDREN_3_5_PER_KINDERGARTEN}{@code ))}, round half up. 270 = a 9-class kindergarten (3 grades × classes of
 *       25/30/35, 幼儿园工作规程). Each has 3, 6, 9 or 12 classes (10/30/40/20 %, assumption) × 30 places =
 *       {@code slots}; with probability {@value #INCLUSIVE_KINDERGARTEN_SHARE} it is a 普惠 kindergarten and all its
 *       places are inclusive, else none (the plan's 2022 baseline: 普惠性幼儿园在园幼儿占比 92 %);
 *       {@code staff = round(slots / 6)} (教职工与幼儿 1:5–1:7 for full-day kindergartens, 2013 staffing standard).</li>
 *   <li>Community health centre ({@code clinic/community_health_centre}): exactly one per unit (a 社区卫生服务中心
 *       per 街道, national guidance of 2006; we apply it to 镇/乡 as well), at the unit's most populous cell;
 *       {@code staff = 10 + round(6 × residents / 10,000)} (2–3 GPs + 1 public-health doctor per 10,000 residents
 *       with nurses 1:1 after the same guidance, + 10 other staff: assumption). No {@code beds}: that field means
 *       nursing-home beds.</li>
 *   <li>Community health stations ({@code clinic/community_health_station}): {@code floor(residents / }{@value
 *       #RESIDENTS_PER_HEALTH_STATION}{@code )} (assumption), never in the centre's cell; staff 3–6 (assumption).</li>
 * </ul>
 * Kindergartens go to cells drawn by their 3–5 population, stations by total population, without replacement
 * (a cell gets a second site only after every cell of the unit has one). Each site lies within {@value #JITTER_M} m
 * of its cell's centre, inside the unit polygon and at least ~20 m from its border. Cells not drawn are left
 * uncovered on purpose: coverage must be neither 0 % nor 100 %.
 */
final class HaishuSupplySites {
    /** Random stream of these sites, separate from {@link HaishuSampleGenerator#SITES_SEED}. */
    static final long SEED = 330203_2027L;
    static final int CHILDREN_3_5_PER_KINDERGARTEN = 270;
    static final int RESIDENTS_PER_HEALTH_STATION = 10_000;
    static final double INCLUSIVE_KINDERGARTEN_SHARE = 0.92;
    /** Largest distance of a site from its cell centre, metres (below the 300 m kindergarten threshold / 1.35). */
    static final double JITTER_M = 200;
    static final int PLACES_PER_CLASS = 30;
    /** Class counts drawn uniformly from this list: 3 (10 %), 6 (30 %), 9 (40 %), 12 (20 %). */
    private static final int[] CLASSES = {3, 6, 6, 6, 9, 9, 9, 9, 12, 12};
    private static final String[] KINDERGARTEN_NAMES = {"明珠", "春晖", "启航", "书香", "晨曦", "翠竹", "绿洲", "金桂",
        "晓苑", "青藤", "银杏", "云帆", "朝阳", "新芽", "知行", "悦童"};
    private static final int AGE_3_5 = 1;
    private static final double BORDER_MARGIN_DEG = 0.0002;

    private HaishuSupplySites() {}

    /**
     * CSV rows (no header, columns as in synthetic-sites.csv) in unit order; within a unit kindergartens, then the
     * health centre, then the stations.
     *
     * @param counts counts[band][cell] as written to population.synthetic.csv, cells in the same order
     */
    static String rows(List<HaishuUnit> units, Map<String, Geometry> polygons, List<Cell> cells, long[][] counts) {
        SplittableRandom rnd = new SplittableRandom(SEED);
        StringBuilder b = new StringBuilder();
        for (HaishuUnit u : units) {
            List<Integer> mine = new ArrayList<>();
            long children = 0;
            long residents = 0;
            for (int c = 0; c < cells.size(); c++) {
                if (cells.get(c).areaCode().equals(u.code())) {
                    mine.add(c);
                    children += counts[AGE_3_5][c];
                    residents += total(counts, c);
                }
            }
            Placer placer = new Placer(polygons.get(u.code()), rnd);

            long kindergartens = Math.max(1, Math.floorDiv(2 * children + CHILDREN_3_5_PER_KINDERGARTEN,
                    2L * CHILDREN_3_5_PER_KINDERGARTEN));
            double[] childWeights = weights(mine, c -> counts[AGE_3_5][c]);
            int[] kCells = draw(childWeights, (int) kindergartens, -1, rnd);
            int brand = rnd.nextInt(KINDERGARTEN_NAMES.length);
            for (int s = 1; s <= kindergartens; s++) {
                int slots = CLASSES[rnd.nextInt(CLASSES.length)] * PLACES_PER_CLASS;
                int inclusive = rnd.nextDouble() < INCLUSIVE_KINDERGARTEN_SHARE ? slots : 0;
                // brands cycle within a unit, so no two kindergartens of a unit share a name (≤ 16 per unit)
                String name = "海曙区" + u.shortNameZh() + KINDERGARTEN_NAMES[(brand + s - 1) % KINDERGARTEN_NAMES.length]
                        + "幼儿园";
                row(b, u, placer.near(cells.get(mine.get(kCells[s - 1]))), rnd, "school", "kindergarten", s, name,
                        slots, inclusive, (int) Math.round(slots / 6.0), "Mo-Fr 07:30-17:00");
            }

            double[] residentWeights = weights(mine, c -> total(counts, c));
            int centreCell = 0;
            for (int k = 1; k < residentWeights.length; k++) {
                if (residentWeights[k] > residentWeights[centreCell]) {
                    centreCell = k;
                }
            }
            row(b, u, placer.near(cells.get(mine.get(centreCell))), rnd, "clinic", "community_health_centre", 1,
                    u.nameZh() + "社区卫生服务中心", null, null, (int) (10 + Math.round(6.0 * residents / 10_000)),
                    "Mo-Su 08:00-17:00");

            int stations = (int) (residents / RESIDENTS_PER_HEALTH_STATION);
            int[] sCells = draw(residentWeights, stations, centreCell, rnd);
            for (int s = 1; s <= stations; s++) {
                row(b, u, placer.near(cells.get(mine.get(sCells[s - 1]))), rnd, "clinic", "community_health_station", s,
                        u.nameZh() + s + "号社区卫生服务站", null, null, 3 + rnd.nextInt(4),
                        "Mo-Sa 08:00-11:30,13:30-17:00");
            }
        }
        return b.toString();
    }

    private static long total(long[][] counts, int cell) {
        long t = 0;
        for (long[] band : counts) {
            t += band[cell];
        }
        return t;
    }

    private static double[] weights(List<Integer> cells, IntToLongFunction weight) {
        double[] w = new double[cells.size()];
        for (int k = 0; k < w.length; k++) {
            w[k] = weight.applyAsLong(cells.get(k));
        }
        return w;
    }

    /**
     * {@code n} indexes into {@code weights}, each drawn with probability proportional to its weight among those not
     * drawn yet; {@code excluded} (or -1) is never drawn. When every eligible index has been drawn the pool refills,
     * so a unit with more sites than cells still gets them all.
     */
    static int[] draw(double[] weights, int n, int excluded, SplittableRandom rnd) {
        int[] out = new int[n];
        boolean[] used = new boolean[weights.length];
        for (int k = 0; k < n; k++) {
            double sum = 0;
            for (int i = 0; i < weights.length; i++) {
                sum += eligible(i, used, excluded, weights) ? weights[i] : 0;
            }
            if (sum <= 0) {
                Arrays.fill(used, false);
                for (int i = 0; i < weights.length; i++) {
                    sum += eligible(i, used, excluded, weights) ? weights[i] : 0;
                }
                if (sum <= 0) {
                    throw new IllegalStateException("no populated cell to place a site in");
                }
            }
            double target = rnd.nextDouble() * sum;
            int pick = -1;
            for (int i = 0; i < weights.length; i++) {
                if (eligible(i, used, excluded, weights)) {
                    pick = i; // last eligible index absorbs rounding at the top end
                    target -= weights[i];
                    if (target < 0) {
                        break;
                    }
                }
            }
            used[pick] = true;
            out[k] = pick;
        }
        return out;
    }

    private static boolean eligible(int i, boolean[] used, int excluded, double[] weights) {
        return i != excluded && !used[i] && weights[i] > 0;
    }

    private static void row(StringBuilder b, HaishuUnit u, String[] pt, SplittableRandom rnd, String category,
            String subtype, int seq, String name, Integer slots, Integer inclusive, int staff, String hours) {
        String id = String.format("syn-%s-%s-%02d", subtype, u.code(), seq);
        String address = "宁波市海曙区" + u.nameZh() + "示例路" + (1 + rnd.nextInt(400)) + "号";
        // "0574-0…": a local number never starts with 0, so these cannot ring a real line
        String phone = String.format("0574-0%07d", rnd.nextInt(10_000_000));
        b.append(Csv.line(Arrays.asList(id, category, subtype, name, pt[0], pt[1], u.code(), address,
                slots == null ? null : slots.toString(), inclusive == null ? null : inclusive.toString(), null, null,
                Integer.toString(staff), hours, phone, "synthetic")));
    }

    /** Points near a cell centre, inside one unit polygon at least ~20 m from its border. */
    private static final class Placer {
        private final PreparedGeometry inner;
        private final SplittableRandom rnd;

        Placer(Geometry polygon, SplittableRandom rnd) {
            this.inner = PreparedGeometryFactory.prepare(polygon.buffer(-BORDER_MARGIN_DEG));
            this.rnd = rnd;
        }

        /** {lonText, latText}, 6 decimals, uniform in the disc of {@link #JITTER_M} around the cell centre. */
        String[] near(Cell cell) {
            for (int attempt = 0; attempt < 10_000; attempt++) {
                double r = JITTER_M * StrictMath.sqrt(rnd.nextDouble());
                double a = 2 * StrictMath.PI * rnd.nextDouble();
                String lon = SimpleGeoJson.decimal(cell.lon() + r * StrictMath.cos(a) / HaishuSampleGenerator.M_PER_DEG_LON,
                        HaishuSampleGenerator.POINT_DECIMALS);
                String lat = SimpleGeoJson.decimal(cell.lat() + r * StrictMath.sin(a) / HaishuSampleGenerator.M_PER_DEG_LAT,
                        HaishuSampleGenerator.POINT_DECIMALS);
                Point p = SimpleGeoJson.FACTORY.createPoint(new Coordinate(Double.parseDouble(lon), Double.parseDouble(lat)));
                if (inner.contains(p)) {
                    return new String[] {lon, lat};
                }
            }
            throw new IllegalStateException("no point inside the unit near cell " + cell.id());
        }
    }
}
