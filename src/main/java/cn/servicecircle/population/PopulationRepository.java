package cn.servicecircle.population;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** All SQL of the population feature. */
@Repository
public class PopulationRepository {
    static final String UPSERT = """
            INSERT INTO population_point (id, geom, area_code, age_0_2, age_3_5, age_6_14, age_15_59, age_60_64,
                                          age_65_plus, source, as_of_year)
            VALUES (:id, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326), :areaCode, :a0, :a3, :a6, :a15, :a60, :a65,
                    :source, :year)
            ON CONFLICT (id) DO UPDATE SET geom = EXCLUDED.geom, area_code = EXCLUDED.area_code,
                age_0_2 = EXCLUDED.age_0_2, age_3_5 = EXCLUDED.age_3_5, age_6_14 = EXCLUDED.age_6_14,
                age_15_59 = EXCLUDED.age_15_59, age_60_64 = EXCLUDED.age_60_64, age_65_plus = EXCLUDED.age_65_plus,
                source = EXCLUDED.source, as_of_year = EXCLUDED.as_of_year""";
    static final String ALL = """
            SELECT id, ST_X(geom) AS lon, ST_Y(geom) AS lat, area_code, age_0_2, age_3_5, age_6_14, age_15_59,
                   age_60_64, age_65_plus, source, as_of_year
            FROM population_point ORDER BY id""";
    /** The points with the given ids, locked until the transaction ends (an import compares and then writes). */
    static final String FIND_FOR_UPDATE = """
            SELECT id, ST_X(geom) AS lon, ST_Y(geom) AS lat, area_code, age_0_2, age_3_5, age_6_14, age_15_59,
                   age_60_64, age_65_plus, source, as_of_year
            FROM population_point WHERE id = ANY(:ids) ORDER BY id FOR UPDATE""";
    /** The points with the given ids, without locking (a dry run). */
    static final String FIND = """
            SELECT id, ST_X(geom) AS lon, ST_Y(geom) AS lat, area_code, age_0_2, age_3_5, age_6_14, age_15_59,
                   age_60_64, age_65_plus, source, as_of_year
            FROM population_point WHERE id = ANY(:ids) ORDER BY id""";
    /** {@link #UPSERT} for many points in one statement (parallel arrays, ids unique within the statement). */
    static final String UPSERT_MANY = """
            INSERT INTO population_point (id, geom, area_code, age_0_2, age_3_5, age_6_14, age_15_59, age_60_64,
                                          age_65_plus, source, as_of_year)
            SELECT r.id, ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326), r.area_code, r.a0, r.a3, r.a6, r.a15, r.a60,
                   r.a65, r.source, r.year
            FROM unnest(CAST(:ids AS text[]), CAST(:lons AS float8[]), CAST(:lats AS float8[]),
                        CAST(:areaCodes AS text[]), CAST(:a0 AS int[]), CAST(:a3 AS int[]), CAST(:a6 AS int[]),
                        CAST(:a15 AS int[]), CAST(:a60 AS int[]), CAST(:a65 AS int[]), CAST(:sources AS text[]),
                        CAST(:years AS int[]))
                 AS r(id, lon, lat, area_code, a0, a3, a6, a15, a60, a65, source, year)
            ON CONFLICT (id) DO UPDATE SET geom = EXCLUDED.geom, area_code = EXCLUDED.area_code,
                age_0_2 = EXCLUDED.age_0_2, age_3_5 = EXCLUDED.age_3_5, age_6_14 = EXCLUDED.age_6_14,
                age_15_59 = EXCLUDED.age_15_59, age_60_64 = EXCLUDED.age_60_64, age_65_plus = EXCLUDED.age_65_plus,
                source = EXCLUDED.source, as_of_year = EXCLUDED.as_of_year""";
    /**
     * Where many points lie, one row per input ordinal: the district containing the point (the service area); when
     * no area code is given, the street/town containing it, else the nearest within 2 km (ties by code: the rule
     * of {@code AreaRepository.placements}); when one is given, whether it is a street/town whose outline is within 2 km
     * of the point (true without an outline; null for an unknown code). Containment is tested on geometry first,
     * so the costly geography distance is computed only for points outside every unit.
     */
    static final String LOCATE_MANY = """
            WITH p AS (
                SELECT t.ord, ST_SetSRID(ST_MakePoint(t.lon, t.lat), 4326) AS g, t.code
                FROM unnest(CAST(:lons AS float8[]), CAST(:lats AS float8[]), CAST(:codes AS text[]))
                     WITH ORDINALITY AS t(lon, lat, code, ord))
            SELECT p.ord,
                   (SELECT a.code FROM area a WHERE a.kind = 'district' AND a.geom IS NOT NULL
                      AND ST_Intersects(a.geom, p.g) ORDER BY a.code LIMIT 1) AS district,
                   CASE WHEN p.code IS NULL THEN coalesce(
                       (SELECT a.code FROM area a WHERE a.kind <> 'district' AND a.geom IS NOT NULL
                          AND ST_Intersects(a.geom, p.g) ORDER BY a.code LIMIT 1),
                       (SELECT a.code FROM area a WHERE a.kind <> 'district' AND a.geom IS NOT NULL
                          AND ST_DWithin(a.geom::geography, p.g::geography, 2000)
                        ORDER BY ST_Distance(a.geom::geography, p.g::geography), a.code LIMIT 1)) END AS unit,
                   CASE WHEN p.code IS NOT NULL THEN
                       (SELECT a.kind <> 'district' AND (a.geom IS NULL OR ST_Intersects(a.geom, p.g)
                                 OR ST_DWithin(a.geom::geography, p.g::geography, 2000))
                        FROM area a WHERE a.code = p.code) END AS given_near
            FROM p ORDER BY p.ord""";
    /** Points per {@link #LOCATE_MANY} statement. */
    static final int LOCATE_CHUNK = 2000;
    /** Rows per {@link #UPSERT_MANY} statement. */
    static final int UPSERT_CHUNK = 1000;
    static final String TOTALS = "SELECT count(*) AS points, coalesce(sum(total), 0) AS residents FROM population_point";

    private final DatabaseClient db;

    public PopulationRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Inserts or replaces a point. */
    public Mono<Long> upsert(PopulationPoint p) {
        return db.sql(UPSERT).bind("id", p.id()).bind("lon", p.lon()).bind("lat", p.lat())
                .bind("areaCode", p.areaCode()).bind("a0", p.age0to2()).bind("a3", p.age3to5())
                .bind("a6", p.age6to14()).bind("a15", p.age15to59()).bind("a60", p.age60to64())
                .bind("a65", p.age65plus()).bind("source", p.source()).bind("year", p.asOfYear())
                .fetch().rowsUpdated();
    }

    /**
     * Inserts or replaces many points, {@value #UPSERT_CHUNK} per statement, in order. Run it inside a
     * transaction for all-or-nothing. Ids must be unique within {@code points}.
     *
     * @return rows written
     */
    public Mono<Long> upsertAll(java.util.List<PopulationPoint> points) {
        java.util.List<java.util.List<PopulationPoint>> chunks = new java.util.ArrayList<>();
        for (int i = 0; i < points.size(); i += UPSERT_CHUNK) {
            chunks.add(points.subList(i, Math.min(points.size(), i + UPSERT_CHUNK)));
        }
        return Flux.fromIterable(chunks).concatMap(this::upsertChunk).reduce(0L, Long::sum);
    }

    private Mono<Long> upsertChunk(java.util.List<PopulationPoint> chunk) {
        int n = chunk.size();
        String[] ids = new String[n];
        Double[] lons = new Double[n];
        Double[] lats = new Double[n];
        String[] areaCodes = new String[n];
        Integer[][] bands = new Integer[6][n];
        String[] sources = new String[n];
        Integer[] years = new Integer[n];
        for (int i = 0; i < n; i++) {
            PopulationPoint p = chunk.get(i);
            ids[i] = p.id();
            lons[i] = p.lon();
            lats[i] = p.lat();
            areaCodes[i] = p.areaCode();
            bands[0][i] = p.age0to2();
            bands[1][i] = p.age3to5();
            bands[2][i] = p.age6to14();
            bands[3][i] = p.age15to59();
            bands[4][i] = p.age60to64();
            bands[5][i] = p.age65plus();
            sources[i] = p.source();
            years[i] = p.asOfYear();
        }
        return db.sql(UPSERT_MANY).bind("ids", ids).bind("lons", lons).bind("lats", lats)
                .bind("areaCodes", areaCodes).bind("a0", bands[0]).bind("a3", bands[1]).bind("a6", bands[2])
                .bind("a15", bands[3]).bind("a60", bands[4]).bind("a65", bands[5]).bind("sources", sources)
                .bind("years", years).fetch().rowsUpdated();
    }

    /**
     * Where one point lies (see {@link #LOCATE_MANY}).
     *
     * @param district  the district containing the point; null when outside the service area
     * @param unit      the street/town derived from the location (only when no area code was given); null if none
     * @param givenNear whether the given area code is a street/town within 2 km; null for an unknown code or when
     *                  none was given
     */
    public record Placement(String district, String unit, Boolean givenNear) {
    }

    /**
     * Locates many WGS84 points in the areas, {@value #LOCATE_CHUNK} per statement.
     *
     * @param lons      longitudes
     * @param lats      latitudes, same length
     * @param areaCodes the area code given for each point, null where none was given; same length
     * @return one placement per point, in input order
     */
    public Mono<java.util.List<Placement>> locateAll(double[] lons, double[] lats, String[] areaCodes) {
        java.util.List<int[]> ranges = new java.util.ArrayList<>();
        for (int i = 0; i < lons.length; i += LOCATE_CHUNK) {
            ranges.add(new int[]{i, Math.min(lons.length, i + LOCATE_CHUNK)});
        }
        return Flux.fromIterable(ranges).concatMap(r -> {
            int n = r[1] - r[0];
            Double[] x = new Double[n];
            Double[] y = new Double[n];
            String[] codes = new String[n];
            for (int i = 0; i < n; i++) {
                x[i] = lons[r[0] + i];
                y[i] = lats[r[0] + i];
                codes[i] = areaCodes[r[0] + i];
            }
            return db.sql(LOCATE_MANY).bind("lons", x).bind("lats", y).bind("codes", codes)
                    .map(row -> new Placement(row.get("district", String.class), row.get("unit", String.class),
                            row.get("given_near", Boolean.class))).all();
        }).collectList();
    }

    /**
     * @param ids    point ids
     * @param locked whether to lock the rows found until the surrounding transaction ends
     * @return the stored points among {@code ids}, by id
     */
    public Flux<PopulationPoint> findAll(java.util.Collection<String> ids, boolean locked) {
        if (ids.isEmpty()) {
            return Flux.empty();
        }
        return db.sql(locked ? FIND_FOR_UPDATE : FIND).bind("ids", ids.toArray(String[]::new))
                .map(PopulationRepository::toPoint).all();
    }

    /** Point count and resident total. */
    public record Totals(long points, long residents) {
    }

    /** @return every population point, by id */
    public Flux<PopulationPoint> all() {
        return db.sql(ALL).map(PopulationRepository::toPoint).all();
    }

    private static PopulationPoint toPoint(io.r2dbc.spi.Readable r) {
        return new PopulationPoint(r.get("id", String.class), r.get("lon", Double.class),
                r.get("lat", Double.class), r.get("area_code", String.class), r.get("age_0_2", Integer.class),
                r.get("age_3_5", Integer.class), r.get("age_6_14", Integer.class), r.get("age_15_59", Integer.class),
                r.get("age_60_64", Integer.class), r.get("age_65_plus", Integer.class), r.get("source", String.class),
                r.get("as_of_year", Integer.class));
    }

    public Mono<Totals> totals() {
        return db.sql(TOTALS).map(r -> new Totals(r.get("points", Long.class),
                ((Number) r.get("residents")).longValue())).one();
    }
}
