package cn.servicecircle.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Tokens for tests, minted like {@code bin/dev-token} does (HS256 with the development secret the tests switch on,
 * {@link #PROPERTIES}). Real JWTs through the real resource server: nothing in the service is mocked.
 */
public final class TestTokens {
    public static final String SECRET = "test-dev-token-secret-0123456789abcdef";
    public static final String ISSUER = "service-circle-test";
    public static final String AUDIENCE = "service-circle";
    public static final String ENABLED_PROPERTY = "sc.security.dev-tokens.enabled=true";
    public static final String SECRET_PROPERTY = "sc.security.dev-tokens.secret=" + SECRET;
    public static final String ISSUER_PROPERTY = "sc.security.jwt.issuer=" + ISSUER;
    /** Rate limits off: the tests' many requests from 127.0.0.1 are load, not abuse ({@code RateLimitApiTest} has them on). */
    public static final String RATE_LIMIT_OFF = "sc.rate-limit.enabled=false";
    /** Command-line form of the three properties, for a service started as a process. */
    public static final List<String> ARGS = List.of("--" + ENABLED_PROPERTY, "--" + SECRET_PROPERTY,
            "--" + ISSUER_PROPERTY);

    /** 南门街道 (Nanmen) and its neighbour 江厦街道 (Jiangxia). */
    public static final String NANMEN = "330203001";
    public static final String JIANGXIA = "330203002";

    private static final String ADMIN = mint(Map.of("sub", "test-admin", "roles", List.of("admin")));
    private static final String PLANNER = mint(Map.of("sub", "test-planner", "roles", List.of("planner")));

    private TestTokens() {
    }

    public static String admin() {
        return ADMIN;
    }

    public static String planner() {
        return PLANNER;
    }

    /** An office bound to {@code areas}, named {@code name}. */
    public static String office(String name, String... areas) {
        return mint(Map.of("sub", name, "name", name, "roles", List.of("office"), "area_codes", List.of(areas)));
    }

    /** Bearer header with {@code token}. */
    public static Consumer<org.springframework.http.HttpHeaders> bearer(String token) {
        return h -> h.setBearerAuth(token);
    }

    /** A valid token (issuer, audience, issued now, 12 h) with {@code claims} added or overriding. */
    public static String mint(Map<String, Object> claims) {
        JWTClaimsSet.Builder b = defaults();
        claims.forEach(b::claim);
        return sign(b.build(), SECRET);
    }

    /** The default claims: issuer, audience, issued now, expiring in 12 h. */
    public static JWTClaimsSet.Builder defaults() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(12 * 3600)));
    }

    /** HS256-signs {@code claims} with {@code secret} (≥ 32 bytes). */
    public static String sign(JWTClaimsSet claims, String secret) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
