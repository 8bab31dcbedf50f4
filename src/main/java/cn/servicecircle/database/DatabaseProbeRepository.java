package cn.servicecircle.database;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Mono;

/** The availability probe's one statement. */
@Repository
public class DatabaseProbeRepository {
    private static final String PROBE = "SELECT 1";

    private final DatabaseClient db;

    public DatabaseProbeRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Completes when the database answered a trivial query; the result is read to the end so the connection is returned clean. */
    public Mono<Void> ping() {
        return db.sql(PROBE).map(row -> 1).all().then();
    }
}
