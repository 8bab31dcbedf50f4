package cn.servicecircle.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns one database URL, {@code SC_DB_URL=postgresql://user[:password]@host[:port]/db} (also the property
 * {@code sc.db.url}), into the R2DBC and Flyway (JDBC) settings, so the scripts and users configure one thing.
 * Explicit {@code spring.r2dbc.*}/{@code spring.flyway.*} settings still win.
 */
public class DatabaseUrlEnvironmentPostProcessor implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        String url = env.getProperty("sc.db.url", env.getProperty("SC_DB_URL"));
        if (url == null || url.isBlank()) {
            return;
        }
        env.getPropertySources().addLast(new MapPropertySource("scDatabaseUrl", toSpringProperties(url)));
    }

    /**
     * @param url {@code postgresql://user[:password]@host[:port]/database}; {@code postgres://} accepted too
     * @return spring.r2dbc.* and spring.flyway.* properties
     * @throws IllegalArgumentException when the URL does not have that shape
     */
    public static Map<String, Object> toSpringProperties(String url) {
        URI uri = URI.create(url.trim());
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new IllegalArgumentException("SC_DB_URL must look like postgresql://user[:password]@host[:port]/db, got scheme "
                    + uri.getScheme());
        }
        String db = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (uri.getHost() == null || db.isEmpty()) {
            throw new IllegalArgumentException("SC_DB_URL needs a host and a database name: postgresql://user@host:port/db");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 5432;
        String user = "postgres";
        String password = "";
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : "";
        }
        String hostPortDb = uri.getHost() + ":" + port + "/" + db;
        Map<String, Object> props = new HashMap<>();
        props.put("spring.r2dbc.url", "r2dbc:postgresql://" + hostPortDb);
        props.put("spring.r2dbc.username", user);
        props.put("spring.r2dbc.password", password);
        props.put("spring.flyway.url", "jdbc:postgresql://" + hostPortDb);
        props.put("spring.flyway.user", user);
        props.put("spring.flyway.password", password);
        return props;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
