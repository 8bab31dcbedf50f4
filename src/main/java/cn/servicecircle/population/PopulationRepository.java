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

    /** Point count and resident total. */
    public record Totals(long points, long residents) {
    }

    /** @return every population point, by id */
    public Flux<PopulationPoint> all() {
        return db.sql(ALL).map(r -> new PopulationPoint(r.get("id", String.class), r.get("lon", Double.class),
                r.get("lat", Double.class), r.get("area_code", String.class), r.get("age_0_2", Integer.class),
                r.get("age_3_5", Integer.class), r.get("age_6_14", Integer.class), r.get("age_15_59", Integer.class),
                r.get("age_60_64", Integer.class), r.get("age_65_plus", Integer.class), r.get("source", String.class),
                r.get("as_of_year", Integer.class))).all();
    }

    public Mono<Totals> totals() {
        return db.sql(TOTALS).map(r -> new Totals(r.get("points", Long.class),
                ((Number) r.get("residents")).longValue())).one();
    }
}
