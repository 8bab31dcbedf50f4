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

    /** Registers spring.r2dbc.* and spring.flyway.* for the test database. */
    public static void register(DynamicPropertyRegistry registry) {
        Map<String, Object> props = DatabaseUrlEnvironmentPostProcessor.toSpringProperties(url());
        props.forEach((k, v) -> registry.add(k, () -> v));
    }
}
