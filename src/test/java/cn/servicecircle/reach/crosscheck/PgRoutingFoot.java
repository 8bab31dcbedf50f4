package cn.servicecircle.reach.crosscheck;

import cn.servicecircle.config.DatabaseUrlEnvironmentPostProcessor;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The independent reference router: an OSM file imported into pgRouting by Debian's osm2pgrouting with our foot map
 * configuration and rules ({@code bench/pgrouting/foot/}), queried with {@code pgr_withPointsCost}.
 *
 * <p>Nothing here reads our GraphHopper export: the edges come from the OSM file through osmium and osm2pgrouting,
 * the points are snapped by PostGIS onto pgRouting's own edges (nearest edge on the ellipsoid; fraction along it
 * measured in the point's UTM zone), and the approach from each point to its edge is added on both ends, as our
 * engine does. Metres are on the WGS84 ellipsoid (PostGIS geography); ours are on GraphHopper's sphere.
 */
public final class PgRoutingFoot {

    /** Set (to anything) by {@code .ci/run}: missing tools then fail the check instead of skipping it. */
    public static final String REQUIRE_ENV = "SC_REQUIRE_PGROUTING_CHECK";
    static final Path IMPORT_SCRIPT = Path.of("bench/pgrouting/foot/import.sh");

    private PgRoutingFoot() {
    }

    /** The tools the import needs that are not on the PATH (empty when all are there). */
    public static List<String> missingTools() {
        return List.of("osmium", "osm2pgrouting", "psql").stream().filter(t -> !onPath(t)).toList();
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Imports {@code pbf} into {@code schema} of the database, or reuses an import of the same inputs.
     *
     * @return the script's summary line (imported or reused, edge count)
     */
    public static String importOrReuse(Path pbf, String dbUrl, String schema, boolean germany) {
        ProcessBuilder pb = new ProcessBuilder("bash", IMPORT_SCRIPT.toString(), pbf.toString(), dbUrl, schema,
                Boolean.toString(germany)).redirectErrorStream(true);
        try {
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("pgRouting import did not finish within 10 minutes");
            }
            String text = new String(out, StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                throw new IllegalStateException("pgRouting import failed (exit " + p.exitValue() + "): " + text);
            }
            return text.lines().reduce((a, b) -> b).orElse("");
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + IMPORT_SCRIPT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Walking metres from every origin to every site on the imported network.
     *
     * @param origins WGS84 (lon, lat) pairs
     * @param sites   WGS84 (lon, lat) pairs
     * @return {@code [origin][site]} metres: approach to the origin's edge + network + approach from the site's edge;
     * +∞ when pgRouting finds no path
     */
    public static double[][] meters(String dbUrl, String schema, List<double[]> origins, List<double[]> sites) {
        Map<String, Object> props = DatabaseUrlEnvironmentPostProcessor.toSpringProperties(dbUrl);
        try (Connection c = DriverManager.getConnection((String) props.get("spring.flyway.url"),
                (String) props.get("spring.flyway.user"), (String) props.get("spring.flyway.password"))) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TEMP TABLE xc_point (pid integer PRIMARY KEY, geom geometry(Point, 4326) NOT NULL) "
                        + "ON COMMIT DROP");
            }
            try (PreparedStatement ins = c.prepareStatement(
                    "INSERT INTO xc_point VALUES (?, ST_SetSRID(ST_MakePoint(?, ?), 4326))")) {
                int pid = 1;
                for (double[] p : concat(origins, sites)) {
                    ins.setInt(1, pid++);
                    ins.setDouble(2, p[0]);
                    ins.setDouble(3, p[1]);
                    ins.addBatch();
                }
                ins.executeBatch();
            }
            try (Statement st = c.createStatement()) {
                // nearest edge on the ellipsoid among the 16 nearest in degrees; the fraction in the point's UTM zone,
                // kept off the edge's ends by 1e-7 (< 0.1 mm): pgRouting answers a point at fraction 0 or 1 under
                // the vertex's id, not the point's
                st.execute("""
                        CREATE TEMP TABLE xc_snap ON COMMIT DROP AS
                        SELECT p.pid, s.id AS edge_id, least(greatest(s.fraction, 1e-7), 1 - 1e-7) AS fraction,
                               s.off_meters
                        FROM xc_point p
                        CROSS JOIN LATERAL (
                            SELECT e.id, e.off_meters,
                                   ST_LineLocatePoint(ST_Transform(e.the_geom, z.srid), ST_Transform(p.geom, z.srid))
                                       AS fraction
                            FROM (SELECT id, the_geom, ST_Distance(the_geom::geography, p.geom::geography) AS off_meters
                                  FROM %1$s.foot_edges ORDER BY the_geom <-> p.geom LIMIT 16) e,
                                 LATERAL (SELECT CASE WHEN ST_Y(p.geom) >= 0 THEN 32600 ELSE 32700 END
                                                 + floor((ST_X(p.geom) + 180) / 6)::integer + 1 AS srid) z
                            ORDER BY e.off_meters, e.id LIMIT 1) s
                        """.formatted(schema));
            }
            Map<Integer, Double> offMeters = new HashMap<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pid, off_meters FROM xc_snap")) {
                while (rs.next()) {
                    offMeters.put(rs.getInt(1), rs.getDouble(2));
                }
            }
            double[][] out = new double[origins.size()][sites.size()];
            for (double[] row : out) {
                java.util.Arrays.fill(row, Double.POSITIVE_INFINITY);
            }
            String starts = IntStream.rangeClosed(1, origins.size()).mapToObj(i -> "-" + i)
                    .collect(Collectors.joining(","));
            String ends = IntStream.rangeClosed(origins.size() + 1, origins.size() + sites.size())
                    .mapToObj(i -> "-" + i).collect(Collectors.joining(","));
            String sql = "SELECT start_pid, end_pid, agg_cost FROM pgr_withPointsCost("
                    + "'SELECT id, source, target, cost, cost AS reverse_cost FROM " + schema + ".foot_edges', "
                    + "'SELECT pid, edge_id, fraction FROM xc_snap', "
                    + "ARRAY[" + starts + "]::bigint[], ARRAY[" + ends + "]::bigint[], directed := false)";
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    int o = (int) -rs.getLong(1);
                    int s = (int) -rs.getLong(2);
                    out[o - 1][s - origins.size() - 1] = offMeters.get(o) + rs.getDouble(3) + offMeters.get(s);
                }
            }
            c.rollback();
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("pgRouting query failed: " + e.getMessage(), e);
        }
    }

    private static List<double[]> concat(List<double[]> a, List<double[]> b) {
        List<double[]> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
