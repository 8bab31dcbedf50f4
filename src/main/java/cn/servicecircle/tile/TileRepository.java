package cn.servicecircle.tile;

import java.nio.ByteBuffer;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Mono;

/**
 * Mapbox vector tiles made by PostGIS ({@code ST_AsMVT}): Web Mercator tile {z/x/y}, extent 4096, a 64-unit buffer so
 * symbols at tile edges are not cut. Every layer's SQL is here.
 */
@Repository
public class TileRepository {
    /** Tile envelope in 3857 and, for the index, the same (with the buffer) in 4326. */
    private static final String BOUNDS = """
            WITH b AS (SELECT ST_TileEnvelope(:z, :x, :y) AS env,
                              ST_Transform(ST_TileEnvelope(:z, :x, :y, margin => 64.0 / 4096), 4326) AS env4326)
            """;
    static final String SITES = BOUNDS + """
            SELECT ST_AsMVT(t, 'sites', 4096, 'geom') AS tile FROM (
                SELECT s.id::text AS id, s.category, s.subtype, s.name, s.source, s.area_code AS "areaCode",
                       (s.source = 'synthetic') AS synthetic,
                       ST_AsMVTGeom(ST_Transform(s.geom, 3857), b.env, 4096, 64, true) AS geom
                FROM site s, b
                WHERE s.status = 'open' AND s.geom && b.env4326 AND (:category = '' OR s.category = :category)
            ) t WHERE t.geom IS NOT NULL""";
    static final String AREAS = BOUNDS + """
            SELECT ST_AsMVT(t, 'areas', 4096, 'geom') AS tile FROM (
                SELECT a.code, a.name_zh AS "nameZh", a.name_en AS "nameEn", a.kind,
                       (a.geom_source = 'synthetic') AS synthetic,
                       ST_AsMVTGeom(ST_Transform(a.geom, 3857), b.env, 4096, 64, true) AS geom
                FROM area a, b
                WHERE a.geom && b.env4326
            ) t WHERE t.geom IS NOT NULL""";
    /** Population points joined to figures computed in memory (coverage), passed as parallel arrays. */
    static final String CELLS = BOUNDS + """
            SELECT ST_AsMVT(t, 'coverage', 4096, 'geom') AS tile FROM (
                SELECT p.id, p.area_code AS "areaCode", p.source, c.demand, c.served, c.nearest AS "nearestWalkMeters",
                       ST_AsMVTGeom(ST_Transform(p.geom, 3857), b.env, 4096, 64, true) AS geom
                FROM population_point p
                JOIN unnest(CAST(:ids AS text[]), CAST(:demand AS float8[]), CAST(:served AS boolean[]),
                            CAST(:nearest AS float8[])) AS c(id, demand, served, nearest) ON c.id = p.id,
                     b
                WHERE p.geom && b.env4326
            ) t WHERE t.geom IS NOT NULL""";

    private final DatabaseClient db;

    public TileRepository(DatabaseClient db) {
        this.db = db;
    }

    /** @param category one category, or "" for all */
    public Mono<byte[]> sites(TileAddress a, String category) {
        return tile(db.sql(SITES).bind("category", category), a);
    }

    public Mono<byte[]> areas(TileAddress a) {
        return tile(db.sql(AREAS), a);
    }

    /**
     * @param ids     population point ids
     * @param demand  the group's residents there
     * @param served  whether they are served
     * @param nearest walking metres to the nearest serving site, null when unknown
     */
    public Mono<byte[]> cells(TileAddress a, String[] ids, Double[] demand, Boolean[] served, Double[] nearest) {
        return tile(db.sql(CELLS).bind("ids", ids).bind("demand", demand).bind("served", served)
                .bind("nearest", nearest), a);
    }

    private static Mono<byte[]> tile(DatabaseClient.GenericExecuteSpec spec, TileAddress a) {
        return spec.bind("z", a.z()).bind("x", a.x()).bind("y", a.y())
                .map(row -> {
                    ByteBuffer b = row.get("tile", ByteBuffer.class);
                    byte[] out = new byte[b == null ? 0 : b.remaining()];
                    if (b != null) {
                        b.get(out);
                    }
                    return out;
                }).one().defaultIfEmpty(new byte[0]);
    }
}
