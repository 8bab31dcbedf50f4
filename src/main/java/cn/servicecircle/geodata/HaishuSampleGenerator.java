package cn.servicecircle.geodata;

import cn.servicecircle.coord.CoordSys;
import cn.servicecircle.coord.CoordTransforms;
import cn.servicecircle.coord.LonLat;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Builds {@code geo-data/haishu}: derives the real files from the shared sources and generates the
 * SYNTHETIC ones from the real files, deterministically (same inputs, same bytes).
 *
 * <p>Usage: {@code HaishuSampleGenerator <outDir> [<sharedGeoSourcesDir>]}. With the second argument
 * the real files (outline, units, census, OSM sites) are first re-derived from the shared sources into
 * {@code outDir}; the synthetic files are then generated from the real files found in {@code outDir}.
 *
 * <p>The synthetic model (documented in geo-data/MANIFEST.md too):
 * <ul>
 *   <li>Unit polygons: Voronoi cells of {@link HaishuUnit#SEEDS}, clipped to the WGS84 outline,
 *       coordinates rounded to {@value #POLYGON_DECIMALS} decimals.</li>
 *   <li>Population: 500 m cells on an equirectangular metre grid; relative density
 *       {@link #densityWeight}; age bands from the census shares, allocated with largest remainder so
 *       every band total is exact.</li>
 *   <li>Sites: counts per unit as documented on {@link #generateSites}; points drawn by rejection
 *       sampling against the density inside their unit's polygon. Kindergartens and community health
 *       centres/stations follow, as documented on {@link HaishuSupplySites}.</li>
 * </ul>
 */
public final class HaishuSampleGenerator {
    public static final String OUTLINE_FILE = "district-outline.gcj02.geojson";
    public static final String UNITS_FILE = "units.csv";
    public static final String CENSUS_FILE = "census2020.csv";
    public static final String OSM_SITES_FILE = "osm-sites.csv";
    public static final String UNIT_POLYGONS_FILE = "unit-polygons.synthetic.geojson";
    public static final String SYNTHETIC_SITES_FILE = "synthetic-sites.csv";
    public static final String POPULATION_FILE = "population.synthetic.csv";

    /** Real files, derived from the shared sources. */
    public static final List<String> REAL_FILES = List.of(OUTLINE_FILE, UNITS_FILE, CENSUS_FILE, OSM_SITES_FILE);
    /** Synthetic files, generated from the real files. */
    public static final List<String> SYNTHETIC_FILES = List.of(UNIT_POLYGONS_FILE, SYNTHETIC_SITES_FILE, POPULATION_FILE);

    static final String HAISHU_CODE = "330203";
    static final int POLYGON_DECIMALS = 7;
    static final int POINT_DECIMALS = 6;
    /** Grid cell edge, metres. */
    public static final double CELL_SIZE_M = 500.0;
    /** Grid origin (south-west corner of cell r000c000), WGS84 degrees. */
    public static final double GRID_ORIGIN_LON = 121.10;
    public static final double GRID_ORIGIN_LAT = 29.70;
    /** Latitude at which the equirectangular grid's metres per degree of longitude are taken. */
    public static final double GRID_REFERENCE_LAT = 29.85;
    /** Metres per degree of latitude on the mean sphere (R = 6,371,008.8 m). */
    public static final double M_PER_DEG_LAT = 6_371_008.8 * StrictMath.PI / 180.0;
    public static final double M_PER_DEG_LON = M_PER_DEG_LAT * StrictMath.cos(StrictMath.toRadians(GRID_REFERENCE_LAT));
    /** Centre of the old town (Sanjiangkou / Moon Lake), WGS84; the density peak. */
    static final LonLat URBAN_CORE = new LonLat(121.543, 29.868);
    /** Units treated as the dense old town in the density model. */
    static final List<String> INNER_STREETS = List.of(
            "330203001", "330203002", "330203003", "330203004", "330203005", "330203006", "330203007");

    static final long SITES_SEED = 330203_2023L;

    /** Population bands in file order with their census-derived definition. */
    public static final List<String> BANDS = List.of("age_0_2", "age_3_5", "age_6_14", "age_15_59", "age_60_64", "age_65_plus");

    private HaishuSampleGenerator() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: HaishuSampleGenerator <outDir> [<sharedGeoSourcesDir>]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        if (args.length == 2) {
            deriveReal(Path.of(args[1]), out);
        }
        generateSynthetic(out, out);
    }

    // ------------------------------------------------------------------ real files

    /**
     * The exact text of each element of the array under top-level key {@code key} (Jackson's streaming parser gives
     * the offsets), so a feature can be copied into our files byte for byte.
     */
    static List<String> rawArrayElements(String json, String key) {
        String text = json.startsWith("\uFEFF") ? json.substring(1) : json;
        List<String> out = new ArrayList<>();
        try (tools.jackson.core.JsonParser p = SimpleGeoJson.JSON.createParser(text)) {
            if (p.nextToken() != tools.jackson.core.JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            while (p.nextToken() == tools.jackson.core.JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                tools.jackson.core.JsonToken value = p.nextToken();
                if (name.equals(key) && value == tools.jackson.core.JsonToken.START_ARRAY) {
                    while (p.nextToken() != tools.jackson.core.JsonToken.END_ARRAY) {
                        int start = (int) p.currentTokenLocation().getCharOffset();
                        p.skipChildren();
                        int end = (int) p.currentLocation().getCharOffset();
                        out.add(text.substring(start, end));
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return out;
    }

    /** Derives the real files from {@code shared} (the geo-sources folder) into {@code out}. */
    @SuppressWarnings("unchecked")
    public static void deriveReal(Path shared, Path out) throws IOException {
        Files.createDirectories(out);
        // outline: the Haishu feature's text, unchanged, wrapped in a FeatureCollection
        String datav = Files.readString(shared.resolve("datav-ningbo-districts/330200_full.json"), StandardCharsets.UTF_8);
        String haishu = null;
        for (String raw : rawArrayElements(datav, "features")) {
            Map<String, Object> f = SimpleGeoJson.JSON.readValue(raw, Map.class);
            Object adcode = ((Map<String, Object>) f.get("properties")).get("adcode");
            if (adcode instanceof Number d && d.doubleValue() == 330203.0) {
                haishu = raw;
            }
        }
        if (haishu == null) {
            throw new IllegalStateException("no adcode 330203 in DataV file");
        }
        write(out.resolve(OUTLINE_FILE), "{\"type\":\"FeatureCollection\",\"features\":[" + haishu + "]}\n");

        // units
        List<List<String>> streets = Csv.parse(Files.readString(shared.resolve("admin-codes-statsgov-2023/streets.csv"), StandardCharsets.UTF_8));
        Map<String, HaishuUnit.Seed> seeds = new LinkedHashMap<>();
        HaishuUnit.SEEDS.forEach(s -> seeds.put(s.code(), s));
        StringBuilder units = new StringBuilder(Csv.line(List.of("code", "name_zh", "name_en", "kind")));
        int n = 0;
        for (List<String> row : streets.subList(1, streets.size())) {
            if (!row.get(2).equals(HAISHU_CODE)) {
                continue;
            }
            HaishuUnit.Seed seed = seeds.get(row.get(0));
            if (seed == null) {
                throw new IllegalStateException("no pinyin/seed for unit " + row);
            }
            HaishuUnit.Kind kind = HaishuUnit.Kind.ofNameZh(row.get(1));
            units.append(Csv.line(List.of(row.get(0), row.get(1), seed.pinyin() + " " + kind.suffixEn(), kind.code())));
            n++;
        }
        if (n != 17) {
            throw new IllegalStateException("expected 17 Haishu units, got " + n);
        }
        write(out.resolve(UNITS_FILE), units.toString());

        // census
        Map<String, String> pop = censusRow(shared.resolve("census2020-county-tudigong/population.csv"));
        Map<String, String> ages = censusRow(shared.resolve("census2020-county-tudigong/ages.csv"));
        Map<String, String> hh = censusRow(shared.resolve("census2020-county-tudigong/households.csv"));
        List<String> header = new ArrayList<>(List.of("code", "name", "population", "share_0_14", "share_15_64",
                "share_65_plus", "household_size"));
        List<String> values = new ArrayList<>(List.of(pop.get("CODE"), pop.get("NAME"), pop.get("POPU"),
                ages.get("AGES_0-14"), ages.get("AGES_15-64"), ages.get("AGES_65P"), hh.get("HHLD_S")));
        for (Map.Entry<String, String> e : ages.entrySet()) {
            String k = e.getKey();
            if (k.matches("AGES_\\d+(-\\d+|P)?") && !k.equals("AGES_0-14") && !k.equals("AGES_15-64") && !k.equals("AGES_65P")) {
                header.add("share_" + k.substring(5).replace('-', '_').replace("P", "_plus"));
                values.add(e.getValue());
            }
        }
        write(out.resolve(CENSUS_FILE), Csv.line(header) + Csv.line(values));

        // OSM sites
        StringBuilder sites = new StringBuilder(Csv.line(List.of("external_id", "category", "subtype", "name", "lon", "lat", "source")));
        int count = 0;
        for (String[] spec : new String[][] {
            {"ningbo-osm-hospitals-schools/ningbo_school_boundaries.json", "school"},
            {"ningbo-osm-hospitals-schools/ningbo_hospital_boundaries.json", "clinic"}}) {
            Map<String, Object> root = SimpleGeoJson.JSON.readValue(Files.readString(shared.resolve(spec[0]),
                    StandardCharsets.UTF_8), Map.class);
            for (Object o : (List<Object>) root.get("features")) {
                Map<String, Object> f = (Map<String, Object>) o;
                if (!"海曙区".equals(f.get("county"))) {
                    continue;
                }
                String name = (String) f.get("name");
                List<Object> c = (List<Object>) f.get("centroid");
                String lon = SimpleGeoJson.decimal(((Number) c.get(0)).doubleValue(), POINT_DECIMALS);
                String lat = SimpleGeoJson.decimal(((Number) c.get(1)).doubleValue(), POINT_DECIMALS);
                String category = spec[1];
                String id = "osm-" + category + "-" + sha1Hex(name + "|" + lon + "|" + lat).substring(0, 12);
                String subtype = category.equals("school") ? schoolSubtype(name) : clinicSubtype(name);
                sites.append(Csv.line(List.of(id, category, subtype, name, lon, lat, String.valueOf(f.get("source")))));
                count++;
            }
        }
        if (count != 88) {
            throw new IllegalStateException("expected 73 + 15 Haishu OSM features, got " + count);
        }
        write(out.resolve(OSM_SITES_FILE), sites.toString());
    }

    /**
     * School subtype from the name, first match wins: 幼儿园 kindergarten; 老年大学/老年学校
     * elder_school; 高中/高级中学 high; 小学 primary (so the primary section of a nine-year school is
     * primary); 初中/中学 middle; otherwise other (vocational, special, 学校 without level).
     */
    public static String schoolSubtype(String name) {
        if (name.contains("幼儿园")) {
            return "kindergarten";
        }
        if (name.contains("老年大学") || name.contains("老年学校")) {
            return "elder_school";
        }
        if (name.contains("高中") || name.contains("高级中学")) {
            return "high";
        }
        if (name.contains("小学") || name.contains("九年一贯")) {
            return "primary";
        }
        if (name.contains("初中") || name.contains("中学")) {
            return "middle";
        }
        return "other";
    }

    /**
     * Clinic subtype from the name, first match wins: 社区卫生服务中心 community_health_centre;
     * 服务站 community_health_station; 卫生院 township_health_centre; 医院 hospital; otherwise other
     * (e.g. the CDC 疾病预防控制中心).
     */
    public static String clinicSubtype(String name) {
        if (name.contains("社区卫生服务中心")) {
            return "community_health_centre";
        }
        if (name.contains("服务站")) {
            return "community_health_station";
        }
        if (name.contains("卫生院")) {
            return "township_health_centre";
        }
        if (name.contains("医院")) {
            return "hospital";
        }
        return "other";
    }

    private static Map<String, String> censusRow(Path file) throws IOException {
        for (Map<String, String> r : Csv.readRecords(file)) {
            if (HAISHU_CODE.equals(r.get("CODE"))) {
                return r;
            }
        }
        throw new IllegalStateException("no row " + HAISHU_CODE + " in " + file);
    }

    // ------------------------------------------------------------------ synthetic files

    /** Generates the synthetic files into {@code out} from the real files in {@code realDir}. */
    public static void generateSynthetic(Path realDir, Path out) throws IOException {
        Files.createDirectories(out);
        Geometry outline = readOutlineWgs84(realDir);
        List<HaishuUnit> units = readUnits(realDir.resolve(UNITS_FILE));

        // 1. unit polygons
        Map<String, Geometry> polygons = unitPolygons(outline, units);
        StringBuilder gj = new StringBuilder("{\"type\":\"FeatureCollection\",\"name\":\"haishu-units-synthetic\",\"features\":[\n");
        int i = 0;
        for (HaishuUnit u : units) {
            gj.append("{\"type\":\"Feature\",\"properties\":{\"code\":\"").append(u.code()).append("\",\"name_zh\":\"")
                    .append(u.nameZh()).append("\",\"synthetic\":true},\"geometry\":")
                    .append(SimpleGeoJson.geometryJson(polygons.get(u.code()), POLYGON_DECIMALS)).append('}')
                    .append(++i < units.size() ? ",\n" : "\n");
        }
        gj.append("]}\n");
        write(out.resolve(UNIT_POLYGONS_FILE), gj.toString());
        // continue with the geometries exactly as a reader of the file sees them
        polygons = readUnitPolygons(out.resolve(UNIT_POLYGONS_FILE));

        // 2. population
        long[] bandTotals = bandTotals(readCensus(realDir.resolve(CENSUS_FILE)));
        List<Cell> cells = cells(outline, units, polygons);
        long[][] counts = allocateBands(cells, bandTotals);
        StringBuilder pop = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("cell_id", "lon", "lat", "area_code"));
        header.addAll(BANDS);
        pop.append(Csv.line(header));
        for (int c = 0; c < cells.size(); c++) {
            Cell cell = cells.get(c);
            List<String> row = new ArrayList<>(List.of(cell.id, cell.lonText, cell.latText, cell.areaCode));
            for (int b = 0; b < BANDS.size(); b++) {
                row.add(Long.toString(counts[b][c]));
            }
            pop.append(Csv.line(row));
        }
        write(out.resolve(POPULATION_FILE), pop.toString());

        // 3. sites; kindergartens and community health sites are appended from their own random stream, so the
        // rows above them stay exactly as they were before those were added
        write(out.resolve(SYNTHETIC_SITES_FILE), generateSites(units, polygons, cells, counts)
                + HaishuSupplySites.rows(units, polygons, cells, counts));
    }

    /** The Haishu outline, converted from GCJ-02 to WGS84 with our converter. */
    public static Geometry readOutlineWgs84(Path realDir) throws IOException {
        List<SimpleGeoJson.Feature> fs = SimpleGeoJson.readFeatures(Files.readString(realDir.resolve(OUTLINE_FILE), StandardCharsets.UTF_8));
        if (fs.size() != 1) {
            throw new IllegalStateException("outline file must hold one feature, has " + fs.size());
        }
        Geometry wgs = CoordTransforms.toWgs84(fs.get(0).geometry(), CoordSys.GCJ02);
        if (!wgs.isValid()) {
            throw new IllegalStateException("outline invalid after conversion");
        }
        return wgs;
    }

    /** unit-polygons.synthetic.geojson as code → geometry, in file order. */
    public static Map<String, Geometry> readUnitPolygons(Path file) throws IOException {
        Map<String, Geometry> m = new LinkedHashMap<>();
        for (SimpleGeoJson.Feature f : SimpleGeoJson.readFeatures(Files.readString(file, StandardCharsets.UTF_8))) {
            m.put((String) f.properties().get("code"), f.geometry());
        }
        return m;
    }

    /** units.csv joined with the built-in seeds. */
    public static List<HaishuUnit> readUnits(Path file) throws IOException {
        Map<String, HaishuUnit.Seed> seeds = new LinkedHashMap<>();
        HaishuUnit.SEEDS.forEach(s -> seeds.put(s.code(), s));
        List<HaishuUnit> out = new ArrayList<>();
        for (Map<String, String> r : Csv.readRecords(file)) {
            HaishuUnit.Kind kind = HaishuUnit.Kind.ofNameZh(r.get("name_zh"));
            out.add(new HaishuUnit(r.get("code"), r.get("name_zh"), r.get("name_en"), kind, seeds.get(r.get("code")).centreWgs84()));
        }
        return out;
    }

    static Map<String, Geometry> unitPolygons(Geometry outline, List<HaishuUnit> units) {
        List<Coordinate> sites = new ArrayList<>();
        for (HaishuUnit u : units) {
            Point p = SimpleGeoJson.FACTORY.createPoint(new Coordinate(u.seedWgs84().lon(), u.seedWgs84().lat()));
            if (!outline.contains(p)) {
                throw new IllegalStateException("seed of " + u.code() + " " + u.nameZh() + " is outside the outline");
            }
            sites.add(p.getCoordinate());
        }
        VoronoiDiagramBuilder vb = new VoronoiDiagramBuilder();
        vb.setSites(sites);
        Envelope clip = new Envelope(outline.getEnvelopeInternal());
        clip.expandBy(0.2);
        vb.setClipEnvelope(clip);
        Geometry diagram = vb.getDiagram(SimpleGeoJson.FACTORY);
        Map<String, Geometry> out = new LinkedHashMap<>();
        for (int k = 0; k < units.size(); k++) {
            Point seed = SimpleGeoJson.FACTORY.createPoint(sites.get(k));
            Geometry cell = null;
            for (int j = 0; j < diagram.getNumGeometries(); j++) {
                if (diagram.getGeometryN(j).contains(seed)) {
                    cell = diagram.getGeometryN(j);
                }
            }
            Geometry piece = OverlayNGRobust.overlay(cell, outline, org.locationtech.jts.operation.overlayng.OverlayNG.INTERSECTION);
            @SuppressWarnings("unchecked")
            List<Polygon> polys = PolygonExtracter.getPolygons(piece);
            Geometry g = polys.size() == 1 ? polys.get(0)
                    : SimpleGeoJson.FACTORY.createMultiPolygon(polys.toArray(new Polygon[0]));
            g = roundCoordinates(g, POLYGON_DECIMALS);
            g.setSRID(4326);
            if (!g.isValid()) {
                throw new IllegalStateException("unit polygon invalid after rounding: " + units.get(k).code());
            }
            out.put(units.get(k).code(), g);
        }
        return out;
    }

    private static Geometry roundCoordinates(Geometry g, int decimals) {
        Geometry c = g.copy();
        cn.servicecircle.reach.core.GeoMath.mapXY(c, p -> new org.locationtech.jts.geom.Coordinate(
                Double.parseDouble(SimpleGeoJson.decimal(p.x, decimals)),
                Double.parseDouble(SimpleGeoJson.decimal(p.y, decimals))));
        return c;
    }

    // ------------------------------------------------------------------ population

    /** A grid cell whose (rounded) centre lies inside the outline and a unit polygon. */
    record Cell(String id, String lonText, String latText, double lon, double lat, String areaCode, double weight) {}

    /** Census values used for the population: total and the band shares, as read from census2020.csv. */
    public record Census(long population, Map<String, BigDecimal> shares) {}

    public static Census readCensus(Path file) throws IOException {
        Map<String, String> r = Csv.readRecords(file).get(0);
        Map<String, BigDecimal> shares = new LinkedHashMap<>();
        r.forEach((k, v) -> {
            if (k.startsWith("share_")) {
                shares.put(k, new BigDecimal(v));
            }
        });
        return new Census(Long.parseLong(r.get("population")), shares);
    }

    /**
     * District totals per band, in {@link #BANDS} order, summing exactly to the census population.
     * Shares: 0–2 = share_0 + 2/4·share_1_4 (age 0 is its own census column, ages 1–4 assumed
     * evenly spread); 3–5 = 2/4·share_1_4 + 1/5·share_5_9; 6–14 = share_0_14 − those two; 60–64 =
     * share_60_64; 65+ = share_65_plus; 15–59 = 1 − the rest. Integers by largest remainder (ties:
     * earlier band first).
     */
    public static long[] bandTotals(Census census) {
        Map<String, BigDecimal> s = census.shares();
        BigDecimal two4 = new BigDecimal("0.5");
        BigDecimal one5 = new BigDecimal("0.2");
        BigDecimal s02 = s.get("share_0").add(s.get("share_1_4").multiply(two4));
        BigDecimal s35 = s.get("share_1_4").multiply(two4).add(s.get("share_5_9").multiply(one5));
        BigDecimal s614 = s.get("share_0_14").subtract(s02).subtract(s35);
        BigDecimal s6064 = s.get("share_60_64");
        BigDecimal s65 = s.get("share_65_plus");
        BigDecimal s1559 = BigDecimal.ONE.subtract(s02).subtract(s35).subtract(s614).subtract(s6064).subtract(s65);
        BigDecimal[] shares = {s02, s35, s614, s1559, s6064, s65};
        BigDecimal total = BigDecimal.valueOf(census.population());
        long[] out = new long[shares.length];
        BigDecimal[] rem = new BigDecimal[shares.length];
        long assigned = 0;
        for (int i = 0; i < shares.length; i++) {
            if (shares[i].signum() < 0) {
                throw new IllegalStateException("negative band share " + BANDS.get(i));
            }
            BigDecimal q = total.multiply(shares[i]);
            out[i] = q.setScale(0, RoundingMode.FLOOR).longValueExact();
            rem[i] = q.subtract(BigDecimal.valueOf(out[i]));
            assigned += out[i];
        }
        Integer[] order = {0, 1, 2, 3, 4, 5};
        Arrays.sort(order, (a, b) -> {
            int c = rem[b].compareTo(rem[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        for (int k = 0; assigned < census.population(); k++, assigned++) {
            out[order[k]]++;
        }
        return out;
    }

    /** Distance in km between two WGS84 points on the equirectangular grid projection. */
    static double distanceKm(double lon1, double lat1, double lon2, double lat2) {
        double dx = (lon1 - lon2) * M_PER_DEG_LON;
        double dy = (lat1 - lat2) * M_PER_DEG_LAT;
        return StrictMath.sqrt(dx * dx + dy * dy) / 1000.0;
    }

    /**
     * Relative residential density at a point (dimensionless, &gt; 0):
     * {@code exp(-d_core/2.5 km)} (old town, d_core from {@link #URBAN_CORE}) plus, for every unit seed
     * outside the seven inner streets, a town-centre bump {@code 0.12·exp(-(d/1.2 km)^2)}, plus a
     * rural floor of 0.006, and times 0.25 west of 121.33°E (the Siming mountains).
     */
    static double densityWeight(double lon, double lat, List<HaishuUnit> units) {
        double w = StrictMath.exp(-distanceKm(lon, lat, URBAN_CORE.lon(), URBAN_CORE.lat()) / 2.5);
        for (HaishuUnit u : units) {
            if (INNER_STREETS.contains(u.code())) {
                continue;
            }
            double d = distanceKm(lon, lat, u.seedWgs84().lon(), u.seedWgs84().lat()) / 1.2;
            w += 0.12 * StrictMath.exp(-d * d);
        }
        w += 0.006;
        if (lon < 121.33) {
            w *= 0.25;
        }
        return w;
    }

    /**
     * Band tilt on top of the density: 60–64 and 65+ × (1 + 0.3·exp(-d_core/2.5 km)) (older old
     * town); 0–2 and 3–5 × (1 + 0.2·exp(-((d_core − 6 km)/3 km)^2)) (young families in the new
     * suburbs); other bands × 1.
     */
    static double bandTilt(int band, double dCoreKm) {
        return switch (band) {
            case 0, 1 -> 1 + 0.2 * StrictMath.exp(-StrictMath.pow((dCoreKm - 6) / 3, 2));
            case 4, 5 -> 1 + 0.3 * StrictMath.exp(-dCoreKm / 2.5);
            default -> 1;
        };
    }

    static List<Cell> cells(Geometry outline, List<HaishuUnit> units, Map<String, Geometry> polygons) {
        PreparedGeometry outlineP = PreparedGeometryFactory.prepare(outline);
        Map<String, PreparedGeometry> unitP = new LinkedHashMap<>();
        polygons.forEach((k, v) -> unitP.put(k, PreparedGeometryFactory.prepare(v)));
        Envelope env = outline.getEnvelopeInternal();
        double dLon = CELL_SIZE_M / M_PER_DEG_LON;
        double dLat = CELL_SIZE_M / M_PER_DEG_LAT;
        int rows = (int) StrictMath.ceil((env.getMaxY() - GRID_ORIGIN_LAT) / dLat);
        int cols = (int) StrictMath.ceil((env.getMaxX() - GRID_ORIGIN_LON) / dLon);
        List<Cell> out = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                String lonText = SimpleGeoJson.decimal(GRID_ORIGIN_LON + (c + 0.5) * dLon, POINT_DECIMALS);
                String latText = SimpleGeoJson.decimal(GRID_ORIGIN_LAT + (r + 0.5) * dLat, POINT_DECIMALS);
                double lon = Double.parseDouble(lonText);
                double lat = Double.parseDouble(latText);
                Point p = SimpleGeoJson.FACTORY.createPoint(new Coordinate(lon, lat));
                if (!outlineP.contains(p)) {
                    continue;
                }
                String area = null;
                for (Map.Entry<String, PreparedGeometry> e : unitP.entrySet()) {
                    if (e.getValue().contains(p)) {
                        area = e.getKey();
                        break;
                    }
                }
                if (area == null) {
                    continue; // on a unit border after rounding: not a cell centre we can attribute
                }
                out.add(new Cell(String.format("r%03dc%03d", r, c), lonText, latText, lon, lat, area,
                        densityWeight(lon, lat, units)));
            }
        }
        return out;
    }

    /** counts[band][cell], every band summing exactly to its total. */
    static long[][] allocateBands(List<Cell> cells, long[] totals) {
        long[][] counts = new long[totals.length][];
        for (int b = 0; b < totals.length; b++) {
            double[] w = new double[cells.size()];
            for (int c = 0; c < w.length; c++) {
                Cell cell = cells.get(c);
                w[c] = cell.weight * bandTilt(b, distanceKm(cell.lon, cell.lat, URBAN_CORE.lon(), URBAN_CORE.lat()));
            }
            counts[b] = largestRemainder(totals[b], w);
        }
        return counts;
    }

    /** Splits {@code total} in proportion to {@code weights} (all &ge; 0, sum &gt; 0); ties go to the lower index. */
    static long[] largestRemainder(long total, double[] weights) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        long[] out = new long[weights.length];
        double[] rem = new double[weights.length];
        long assigned = 0;
        for (int i = 0; i < weights.length; i++) {
            double q = total * (weights[i] / sum);
            out[i] = (long) StrictMath.floor(q);
            rem[i] = q - out[i];
            assigned += out[i];
        }
        Integer[] order = new Integer[weights.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -rem[i]).thenComparingInt(i -> i));
        for (int k = 0; assigned < total; k = (k + 1) % order.length, assigned++) {
            out[order[k]]++;
        }
        return out;
    }

    // ------------------------------------------------------------------ sites

    private static final String[] NURSERY_NAMES = {"阳光", "星星", "小树苗", "彩虹", "贝贝", "启明", "童心", "乐成",
        "向日葵", "小天鹅", "蒲公英", "甬宝", "花蕾", "蓝天", "爱心", "小橡树"};
    private static final String[] NURSING_NAMES = {"康乐", "颐和", "福寿", "安康", "松鹤", "夕阳红", "长青", "和乐"};

    /**
     * Synthetic sites, in unit order, subtype order within a unit. Per unit: 1 home_care_centre;
     * home_care_stations 6–12 (street), 2–5 (town), 2 (township); 1 assistance_station; 1
     * disability_home. District-wide, split over units by largest remainder: 40 nurseries (≥ 1 per
     * unit, rest by 0–2 population), 15 nursing homes (by 65+ population), 40 elder canteens (≥ 1 per
     * unit, rest by 60+ population).
     */
    static String generateSites(List<HaishuUnit> units, Map<String, Geometry> polygons, List<Cell> cells, long[][] counts) {
        SplittableRandom rnd = new SplittableRandom(SITES_SEED);
        Map<String, long[]> popByUnit = new LinkedHashMap<>();
        Map<String, Double> maxWeight = new LinkedHashMap<>();
        for (HaishuUnit u : units) {
            popByUnit.put(u.code(), new long[BANDS.size()]);
            maxWeight.put(u.code(), 0.0);
        }
        for (int c = 0; c < cells.size(); c++) {
            Cell cell = cells.get(c);
            for (int b = 0; b < BANDS.size(); b++) {
                popByUnit.get(cell.areaCode)[b] += counts[b][c];
            }
            maxWeight.merge(cell.areaCode, cell.weight, Math::max);
        }
        long[] nurseries = spread(40, 1, units, u -> popByUnit.get(u.code())[0]);
        long[] nursing = spread(15, 0, units, u -> popByUnit.get(u.code())[5]);
        long[] canteens = spread(40, 1, units, u -> popByUnit.get(u.code())[4] + popByUnit.get(u.code())[5]);

        StringBuilder b = new StringBuilder(Csv.line(List.of("external_id", "category", "subtype", "name", "lon", "lat",
                "area_code", "address", "slots", "inclusive_slots", "beds", "seats", "staff", "opening_hours", "phone", "source")));
        for (int k = 0; k < units.size(); k++) {
            HaishuUnit u = units.get(k);
            SitePlacer placer = new SitePlacer(polygons.get(u.code()), units, maxWeight.get(u.code()), rnd);
            int stations = switch (u.kind()) {
                case STREET -> 6 + rnd.nextInt(7);
                case TOWN -> 2 + rnd.nextInt(4);
                case TOWNSHIP -> 2;
            };
            String unitName = u.nameZh();
            String shortName = u.shortNameZh();
            site(b, u, placer, rnd, "elder_care", "home_care_centre", 1, unitName + "居家养老服务中心",
                    null, null, null, null, 8 + rnd.nextInt(13), "Mo-Su 08:00-17:00");
            for (int s = 1; s <= stations; s++) {
                site(b, u, placer, rnd, "elder_care", "home_care_station", s, unitName + s + "号居家养老服务站",
                        null, null, null, null, 2 + rnd.nextInt(4), "Mo-Fr 08:30-16:30");
            }
            for (int s = 1; s <= nurseries[k]; s++) {
                int slots = 20 + 5 * rnd.nextInt(27);
                int inclusive = rnd.nextDouble() < 0.6
                        ? Math.min(slots, 5 * (int) StrictMath.round(slots * (0.3 + 0.7 * rnd.nextDouble()) / 5.0)) : 0;
                String brand = NURSERY_NAMES[rnd.nextInt(NURSERY_NAMES.length)];
                site(b, u, placer, rnd, "childcare", "nursery", s, "海曙区" + shortName + brand + "托育园" + (s > 1 ? "（" + s + "园区）" : ""),
                        slots, inclusive, null, null, 3 + slots / 8, "Mo-Fr 07:30-17:30");
            }
            for (int s = 1; s <= nursing[k]; s++) {
                int beds = 40 + 10 * rnd.nextInt(27);
                String brand = NURSING_NAMES[rnd.nextInt(NURSING_NAMES.length)];
                site(b, u, placer, rnd, "elder_care", "nursing_home", s, "海曙区" + shortName + brand + "养老院" + (s > 1 ? "（" + s + "院）" : ""),
                        null, null, beds, null, 5 + beds / 4, "24/7");
            }
            for (int s = 1; s <= canteens[k]; s++) {
                int seats = 20 + 5 * rnd.nextInt(21);
                site(b, u, placer, rnd, "elder_care", "elder_canteen", s, unitName + s + "号老年食堂",
                        null, null, null, seats, 3 + rnd.nextInt(6), "Mo-Su 10:30-12:30,16:30-18:00");
            }
            site(b, u, placer, rnd, "assistance", "assistance_station", 1, unitName + "助联体服务站",
                    null, null, null, null, 3 + rnd.nextInt(6), "Mo-Fr 08:30-11:30,13:30-17:00");
            site(b, u, placer, rnd, "assistance", "disability_home", 1, unitName + "残疾人之家",
                    null, null, null, null, 3 + rnd.nextInt(4), "Mo-Fr 08:30-16:30");
        }
        return b.toString();
    }

    private static void site(StringBuilder b, HaishuUnit u, SitePlacer placer, SplittableRandom rnd, String category,
            String subtype, int seq, String name, Integer slots, Integer inclusive, Integer beds, Integer seats,
            int staff, String hours) {
        String[] pt = placer.next();
        String id = String.format("syn-%s-%s-%02d", subtype, u.code(), seq);
        String address = "宁波市海曙区" + u.nameZh() + "示例路" + (1 + rnd.nextInt(400)) + "号";
        // "0574-0…": a local number never starts with 0, so these cannot ring a real line
        String phone = String.format("0574-0%07d", rnd.nextInt(10_000_000));
        b.append(Csv.line(Arrays.asList(id, category, subtype, name, pt[0], pt[1], u.code(), address,
                str(slots), str(inclusive), str(beds), str(seats), Integer.toString(staff), hours, phone, "synthetic")));
    }

    private static String str(Integer v) {
        return v == null ? null : v.toString();
    }

    private static long[] spread(long total, long minEach, List<HaishuUnit> units, java.util.function.ToLongFunction<HaishuUnit> weight) {
        double[] w = new double[units.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = weight.applyAsLong(units.get(i));
        }
        long[] rest = largestRemainder(total - minEach * units.size(), w);
        for (int i = 0; i < rest.length; i++) {
            rest[i] += minEach;
        }
        return rest;
    }

    /** Draws points inside one unit polygon, at least ~20 m from its border, weighted by density. */
    private static final class SitePlacer {
        private static final double BORDER_MARGIN_DEG = 0.0002;
        private final Geometry polygon;
        private final PreparedGeometry inner;
        private final List<HaishuUnit> units;
        private final double maxWeight;
        private final SplittableRandom rnd;

        SitePlacer(Geometry polygon, List<HaishuUnit> units, double maxWeight, SplittableRandom rnd) {
            this.polygon = polygon;
            this.inner = PreparedGeometryFactory.prepare(polygon.buffer(-BORDER_MARGIN_DEG));
            this.units = units;
            this.maxWeight = maxWeight;
            this.rnd = rnd;
        }

        /** {lonText, latText} of the next point, 6 decimals, strictly inside the unit polygon. */
        String[] next() {
            Envelope e = polygon.getEnvelopeInternal();
            for (int attempt = 0; attempt < 200_000; attempt++) {
                double lon = e.getMinX() + rnd.nextDouble() * e.getWidth();
                double lat = e.getMinY() + rnd.nextDouble() * e.getHeight();
                String lonText = SimpleGeoJson.decimal(lon, POINT_DECIMALS);
                String latText = SimpleGeoJson.decimal(lat, POINT_DECIMALS);
                Point p = SimpleGeoJson.FACTORY.createPoint(new Coordinate(Double.parseDouble(lonText), Double.parseDouble(latText)));
                if (!inner.contains(p)) {
                    continue;
                }
                double accept = densityWeight(p.getX(), p.getY(), units) / maxWeight;
                if (rnd.nextDouble() < accept) {
                    return new String[] {lonText, latText};
                }
            }
            throw new IllegalStateException("could not place a site");
        }
    }

    // ------------------------------------------------------------------ io

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    static String sha1Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
