package cn.servicecircle.geodata;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Mono;

/** SQL for the record of loaded datasets (name → checksum). */
@Repository
public class DatasetLoadRepository {
    static final String FIND = "SELECT sha256, row_count FROM dataset_load WHERE dataset = :dataset";
    static final String RECORD = """
            INSERT INTO dataset_load (dataset, sha256, row_count) VALUES (:dataset, :sha, :rows)
            ON CONFLICT (dataset) DO UPDATE SET sha256 = EXCLUDED.sha256, row_count = EXCLUDED.row_count,
                loaded_at = now()""";

    private final DatabaseClient db;

    public DatasetLoadRepository(DatabaseClient db) {
        this.db = db;
    }

    /** What was recorded when a dataset was last loaded. */
    public record Recorded(String sha256, int rowCount) {
    }

    /** @return the record of the dataset's last load, empty if never loaded */
    public Mono<Recorded> find(String dataset) {
        return db.sql(FIND).bind("dataset", dataset)
                .map(r -> new Recorded(r.get("sha256", String.class), r.get("row_count", Integer.class))).one();
    }

    public Mono<Long> record(String dataset, String sha256, int rows) {
        return db.sql(RECORD).bind("dataset", dataset).bind("sha", sha256).bind("rows", rows).fetch().rowsUpdated();
    }
}
