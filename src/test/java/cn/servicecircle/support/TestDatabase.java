package cn.servicecircle.support;

import java.util.Map;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import cn.servicecircle.config.DatabaseUrlEnvironmentPostProcessor;

/**
 * Where tests find a real PostGIS: {@code SC_TEST_DB_URL} (postgresql://user[:password]@host:port/db, with the
 * postgis extension created by a superuser), else a Testcontainers {@code postgis/postgis} container when Docker
 * runs, else a loud failure saying what to set. Never skipped silently.
 */
public final class TestDatabase {
    public static final String ENV = "SC_TEST_DB_URL";
    private static String url;

    private TestDatabase() {
    }

    /** @return the database URL (postgresql://…), starting a container on first use when needed */
    public static synchronized String url() {
        if (url != null) {
            return url;
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            url = env.trim();
            return url;
        }
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            docker = false;
        }
        if (!docker) {
            throw new IllegalStateException("No test database: set " + ENV
                    + "=postgresql://user@host:port/db (PostGIS, extension created by a superuser), "
                    + "or run the tests through bin/test (starts a private PostGIS cluster), or start Docker "
                    + "for Testcontainers.");
        }
        PostgreSQLContainer container = new PostgreSQLContainer(
                DockerImageName.parse("postgis/postgis:16-3.4").asCompatibleSubstituteFor("postgres"));
        container.start();
        url = "postgresql://" + container.getUsername() + ":" + container.getPassword() + "@" + container.getHost()
                + ":" + container.getMappedPort(5432) + "/" + container.getDatabaseName();
        return url;
    }

    private static final java.util.Map<String, String> SIBLINGS = new java.util.HashMap<>();

    /**
     * A fresh sibling database of the test database (same server, name + "_" + suffix), created once per JVM
     * (dropped first if a previous run left it) with the postgis extension; needs a superuser, as the test
     * database's own setup does.
     */
    public static synchronized String sibling(String suffix) {
        return SIBLINGS.computeIfAbsent(suffix, s -> {
            java.net.URI base = java.net.URI.create(url());
            String db = base.getPath().substring(1) + "_" + s;
            Map<String, Object> props = DatabaseUrlEnvironmentPostProcessor.toSpringProperties(url());
            String jdbc = (String) props.get("spring.flyway.url");
            String user = (String) props.get("spring.flyway.user");
            String password = (String) props.get("spring.flyway.password");
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbc, user, password);
                 java.sql.Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
                st.execute("CREATE DATABASE " + db);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("Cannot create test database " + db + " next to " + jdbc
                        + " (the test user must be allowed to create databases)", e);
            }
            String siblingJdbc = jdbc.substring(0, jdbc.lastIndexOf('/') + 1) + db;
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(siblingJdbc, user, password);
                 java.sql.Statement st = c.createStatement()) {
                st.execute("CREATE EXTENSION IF NOT EXISTS postgis");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("Cannot create the postgis extension in " + db
                        + " (needs a superuser)", e);
            }
            String u = url();
            return u.substring(0, u.lastIndexOf('/') + 1) + db;
        });
    }

    /** Registers spring.r2dbc.* and spring.flyway.* for a sibling database. */
    public static void registerSibling(DynamicPropertyRegistry registry, String suffix) {
        Map<String, Object> props = DatabaseUrlEnvironmentPostProcessor.toSpringProperties(sibling(suffix));
        props.forEach((k, v) -> registry.add(k, () -> v));
    }

    /** Registers spring.r2dbc.* and spring.flyway.* for the test database. */
    public static void register(DynamicPropertyRegistry registry) {
        Map<String, Object> props = DatabaseUrlEnvironmentPostProcessor.toSpringProperties(url());
        props.forEach((k, v) -> registry.add(k, () -> v));
    }
}
