package cn.servicecircle.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

import cn.servicecircle.web.ApiException;
import reactor.core.publisher.Mono;

/**
 * Spring Security (WebFlux) as an OAuth2 resource server: who may call what. Deny by default: reads are public
 * except history and audit; every write route is listed with its roles and anything else is refused. Area scopes
 * are checked where a site's area is resolved ({@code site.SitePlacement}), not here. Failures are problem+json:
 * 401 {@code UNAUTHENTICATED} (no token) or {@code INVALID_TOKEN} (bad signature, expired, wrong issuer/audience,
 * {@code alg: none}, ...), 403 {@code FORBIDDEN} (the role may not).
 */
@Configuration
@EnableWebFluxSecurity
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfig {
    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);
    private static final String OFFICE = Role.OFFICE.name();
    private static final String PLANNER = Role.PLANNER.name();
    private static final String ADMIN = Role.ADMIN.name();

    @Bean
    SecurityWebFilterChain securityChain(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
                                         SecurityProperties properties) {
        TokenActors actors = new TokenActors(properties.jwt().rolesClaim(), properties.jwt().areasClaim());
        ServerAuthenticationEntryPoint unauthenticated = SecurityConfig::unauthenticated;
        ServerAccessDeniedHandler denied = (exchange, e) -> Mono.error(new ApiException(403, "FORBIDDEN",
                "Your role may not " + exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath()));
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable) // bearer tokens only: no cookies, no session
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(a -> { })
                .requestCache(c -> c.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                // the API sets its own caching headers (ETag, 304); Security's no-store would defeat them
                .headers(h -> h.cache(ServerHttpSecurity.HeaderSpec.CacheSpec::disable))
                .authorizeExchange(ex -> ex
                        .pathMatchers("/actuator/**").permitAll() // ActuatorGate leaves only health probes
                        .pathMatchers(HttpMethod.GET, "/v1/audit").hasAnyRole(PLANNER, ADMIN)
                        .pathMatchers(HttpMethod.GET, "/v1/sites/*/history").hasAnyRole(OFFICE, PLANNER, ADMIN)
                        // HEAD runs the GET handler: the same rules, or its ETag would leak what GET protects
                        .pathMatchers(HttpMethod.HEAD, "/v1/audit").hasAnyRole(PLANNER, ADMIN)
                        .pathMatchers(HttpMethod.HEAD, "/v1/sites/*/history").hasAnyRole(OFFICE, PLANNER, ADMIN)
                        .pathMatchers(HttpMethod.GET, "/**").permitAll()
                        .pathMatchers(HttpMethod.HEAD, "/**").permitAll()
                        .pathMatchers(HttpMethod.POST, "/v1/planning/scenarios").permitAll() // computes, saves nothing
                        .pathMatchers(HttpMethod.POST, "/v1/sites", "/v1/sites/import").hasAnyRole(OFFICE, ADMIN)
                        .pathMatchers(HttpMethod.PUT, "/v1/sites/*").hasAnyRole(OFFICE, ADMIN)
                        .pathMatchers(HttpMethod.PATCH, "/v1/sites/*").hasAnyRole(OFFICE, ADMIN)
                        .pathMatchers(HttpMethod.DELETE, "/v1/sites/*").hasAnyRole(OFFICE, ADMIN)
                        .pathMatchers(HttpMethod.POST, "/v1/planning/suggestions", "/v1/population/import")
                        .hasAnyRole(PLANNER, ADMIN)
                        .pathMatchers(HttpMethod.PUT, "/v1/indicators/*/values/*").hasAnyRole(PLANNER, ADMIN)
                        .anyExchange().denyAll())
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated).accessDeniedHandler(denied))
                .oauth2ResourceServer(o -> o
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(denied)
                        .jwt(j -> j.jwtDecoder(decoder).jwtAuthenticationConverter(
                                jwt -> Mono.just(new ActorAuthentication(jwt, actors.actor(jwt))))))
                .build();
    }

    private static Mono<Void> unauthenticated(org.springframework.web.server.ServerWebExchange exchange,
                                              AuthenticationException e) {
        String auth = exchange.getRequest().getHeaders().getFirst("Authorization");
        if (auth == null) {
            return Mono.error(new ApiException(401, "UNAUTHENTICATED",
                    "This needs an 'Authorization: Bearer <token>' header"));
        }
        String why = e instanceof OAuth2AuthenticationException o && o.getError().getDescription() != null
                ? o.getError().getDescription() : "The bearer token is not valid";
        return Mono.error(new ApiException(401, "INVALID_TOKEN", why));
    }

    /**
     * The token decoder: the identity provider's keys (production), the development HS256 secret (only when
     * switched on), or none (every token refused).
     */
    @Bean
    ReactiveJwtDecoder jwtDecoder(SecurityProperties properties) {
        SecurityProperties.Jwt jwt = properties.jwt();
        NimbusReactiveJwtDecoder decoder;
        if (properties.devTokens().enabled()) {
            String secret = Objects.requireNonNullElse(properties.devTokens().secret(), "");
            byte[] key = secret.getBytes(StandardCharsets.UTF_8);
            if (key.length < 32) {
                throw new IllegalStateException("sc.security.dev-tokens.secret (SC_DEV_TOKEN_SECRET) needs at least "
                        + "32 bytes when development tokens are on");
            }
            log.warn("Development tokens are ON (sc.security.dev-tokens.enabled): anyone with the shared secret can "
                    + "mint any role. Never in production.");
            decoder = NimbusReactiveJwtDecoder.withSecretKey(new SecretKeySpec(key, "HmacSHA256"))
                    .macAlgorithm(MacAlgorithm.HS256).build();
        } else if (jwt.jwkSetUri() != null && !jwt.jwkSetUri().isBlank()) {
            decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwt.jwkSetUri())
                    .jwsAlgorithms(a -> jwt.algorithms().forEach(name -> a.add(SignatureAlgorithm.from(name))))
                    .build();
        } else {
            log.info("No identity provider configured (sc.security.jwt.jwk-set-uri) and development tokens off: "
                    + "every bearer token is refused, reads stay public");
            return token -> Mono.error(new BadJwtException("No identity provider is configured"));
        }
        decoder.setJwtValidator(validator(jwt));
        return decoder;
    }

    /** Issuer, audience, expiry (required) and not-before, with the configured clock skew. */
    static OAuth2TokenValidator<Jwt> validator(SecurityProperties.Jwt jwt) {
        Duration skew = Duration.ofSeconds(jwt.clockSkewSeconds());
        return new DelegatingOAuth2TokenValidator<>(List.of(
                new JwtTimestampValidator(skew),
                new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull),
                new JwtIssuerValidator(jwt.issuer()),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                        aud -> aud != null && aud.contains(jwt.audience()))));
    }
}
