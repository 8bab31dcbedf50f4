package cn.servicecircle.area;

import java.util.List;
import java.util.Optional;

import org.locationtech.jts.geom.Geometry;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** All SQL of the area feature. */
@Repository
public class AreaRepository {
    static final String LIST = """
            SELECT code, name_zh, name_en, kind, parent_code, geom_source,
                   CASE WHEN :withGeometry THEN geom END AS geom
            FROM area ORDER BY (kind <> 'district'), code""";
    static final String FIND = """
            SELECT code, name_zh, name_en, kind, parent_code, geom_source,
                   CASE WHEN :withGeometry THEN geom END AS geom
            FROM area WHERE code = :code""";
    /**
     * Everything placement needs for many points in one round trip: the district containing each point, the unit at
     * it (containing, else nearest within 2 km), the stated area's kind and whether it is within :tolerance metres,
     * and for the area the site would get (stated, else unit, else district) whether its outline covers the point.
     */
    static final String PLACEMENTS = """
            SELECT t.i, d.code AS district, coalesce(uc.code, un.code) AS unit, s.kind AS stated_kind,
                   (s.geom IS NULL OR ST_Covers(s.geom, t.g)
                    OR ST_DWithin(s.geom::geography, t.g::geography, :tolerance)) AS stated_near,
                   f.code AS final_code, (f.geom IS NULL OR ST_Covers(f.geom, t.g)) AS final_covers
            FROM (SELECT x.i, ST_SetSRID(ST_MakePoint(x.lon, x.lat), 4326) AS g, x.stated
                  FROM unnest(CAST(:i AS int[]), CAST(:lon AS float8[]), CAST(:lat AS float8[]),
                              CAST(:stated AS text[])) AS x(i, lon, lat, stated)) t
            LEFT JOIN LATERAL (SELECT code FROM area WHERE kind = 'district' AND geom IS NOT NULL
                                 AND ST_Intersects(geom, t.g) LIMIT 1) d ON true
            -- the unit containing the point (cheap, planar); only for the others the nearest within 2 km (geodesic)
            LEFT JOIN LATERAL (SELECT code FROM area WHERE kind <> 'district' AND geom IS NOT NULL
                                 AND ST_Covers(geom, t.g) ORDER BY code LIMIT 1) uc ON true
            LEFT JOIN LATERAL (SELECT code FROM area WHERE uc.code IS NULL AND kind <> 'district' AND geom IS NOT NULL
                                 AND ST_DWithin(geom::geography, t.g::geography, 2000)
                               ORDER BY ST_Distance(geom::geography, t.g::geography), code LIMIT 1) un ON true
            LEFT JOIN area s ON s.code = t.stated
            LEFT JOIN area f ON f.code = coalesce(t.stated, uc.code, un.code, d.code)
            ORDER BY t.i""";

    /**
     * The area facts of one point (see {@link #placements}).
     *
     * @param district      the district whose outline contains the point; null = outside the service area
     * @param unit          the street/town containing the point, else the nearest within 2 km; null if none
     * @param statedKind    the kind of the stated area; null when none was stated or it does not exist
     * @param statedNear    whether the stated area lies within the tolerance (true without an outline)
     * @param finalCode     the area the site would belong to (stated, else unit, else district); null if none
     * @param finalCovers   whether that area's outline covers the point (true without an outline)
     */
    public record PlacementFacts(String district, String unit, String statedKind, boolean statedNear,
                                 String finalCode, boolean finalCovers) {
    }

    static final String UPSERT = """
            INSERT INTO area (code, name_zh, name_en, kind, parent_code, geom, geom_source)
            VALUES (:code, :nameZh, :nameEn, :kind, :parentCode,
                    ST_Multi(ST_SetSRID(ST_GeomFromText(:wkt), 4326)), :geomSource)
            ON CONFLICT (code) DO UPDATE SET name_zh = EXCLUDED.name_zh, name_en = EXCLUDED.name_en,
                kind = EXCLUDED.kind, parent_code = EXCLUDED.parent_code, geom = EXCLUDED.geom,
                geom_source = EXCLUDED.geom_source""";

    static final String UPSERT_STATISTIC = """
            INSERT INTO area_statistic (area_code, name, value, unit, year, source)
            VALUES (:code, :name, :value, :unit, :year, :source)
            ON CONFLICT (area_code, name, year) DO UPDATE SET value = EXCLUDED.value, unit = EXCLUDED.unit,
                source = EXCLUDED.source""";

    private final DatabaseClient db;

    public AreaRepository(DatabaseClient db) {
        this.db = db;
    }

    /** @return all areas, the district first, then by code */
    public Flux<Area> list(boolean withGeometry) {
        return db.sql(LIST).bind("withGeometry", withGeometry).map(AreaRepository::toArea).all();
    }

    /** @return the area, empty when unknown */
    public Mono<Area> find(String code, boolean withGeometry) {
        return db.sql(FIND).bind("withGeometry", withGeometry).bind("code", code).map(AreaRepository::toArea).one();
    }

    /**
     * Area facts for many WGS84 points at once, in input order.
     *
     * @param lon             longitudes
     * @param lat             latitudes, same length
     * @param stated          stated area codes (null elements = none), same length
     * @param toleranceMeters how far a stated area may be from its point
     */
    public Mono<List<PlacementFacts>> placements(double[] lon, double[] lat, String[] stated, double toleranceMeters) {
        Integer[] idx = new Integer[lon.length];
        Double[] lons = new Double[lon.length];
        Double[] lats = new Double[lon.length];
        for (int k = 0; k < lon.length; k++) {
            idx[k] = k;
            lons[k] = lon[k];
            lats[k] = lat[k];
        }
        return db.sql(PLACEMENTS).bind("i", idx).bind("lon", lons).bind("lat", lats).bind("stated", stated)
                .bind("tolerance", toleranceMeters)
                .map(r -> new PlacementFacts(r.get("district", String.class), r.get("unit", String.class),
                        r.get("stated_kind", String.class), Boolean.TRUE.equals(r.get("stated_near", Boolean.class)),
                        r.get("final_code", String.class), Boolean.TRUE.equals(r.get("final_covers", Boolean.class))))
                .all().collectList();
    }

    /** Inserts or replaces an area; geometry (WGS84) may be null. */
    public Mono<Long> upsert(Area a) {
        Optional<Geometry> g = Optional.ofNullable(a.geometry());
        return db.sql(UPSERT).bind("code", a.code()).bind("nameZh", a.nameZh()).bind("nameEn", a.nameEn())
                .bind("kind", a.kind()).bind("parentCode", Parameter.fromOrEmpty(a.parentCode(), String.class))
                .bind("wkt", Parameter.fromOrEmpty(g.map(Geometry::toText).orElse(null), String.class))
                .bind("geomSource", Parameter.fromOrEmpty(a.geometrySource(), String.class))
                .fetch().rowsUpdated();
    }

    /** Inserts or replaces a reference statistic of an area (e.g. census population). */
    public Mono<Long> upsertStatistic(String code, String name, java.math.BigDecimal value, String unit, int year,
                                      String source) {
        return db.sql(UPSERT_STATISTIC).bind("code", code).bind("name", name).bind("value", value)
                .bind("unit", unit).bind("year", year).bind("source", source).fetch().rowsUpdated();
    }

    private static Area toArea(Readable row) {
        return new Area(row.get("code", String.class), row.get("name_zh", String.class),
                row.get("name_en", String.class), row.get("kind", String.class), row.get("parent_code", String.class),
                row.get("geom", Geometry.class), row.get("geom_source", String.class));
    }
}
