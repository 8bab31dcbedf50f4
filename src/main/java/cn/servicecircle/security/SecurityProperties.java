package cn.servicecircle.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/**
 * How bearer tokens (JWTs) are checked. In production an identity provider signs them and publishes its keys at
 * {@code jwk-set-uri}; locally {@code dev-tokens} lets {@code bin/dev-token} mint HS256 tokens with a shared secret.
 * With neither, every token is refused (reads stay public).
 *
 * @param jwt       what a token must carry
 * @param devTokens the development signing key, off unless switched on
 */
@Validated
@ConfigurationProperties("sc.security")
public record SecurityProperties(@NotNull @Valid Jwt jwt, @NotNull @Valid DevTokens devTokens) {

    /**
     * @param issuer           required {@code iss}
     * @param audience         required member of {@code aud}
     * @param jwkSetUri        the identity provider's JWK set (https); blank = none
     * @param algorithms       JWS algorithms accepted from the JWK set (e.g. RS256, ES256)
     * @param clockSkewSeconds leeway for {@code exp} and {@code nbf}, 0–300 seconds
     * @param rolesClaim       claim holding the role (a string, or a list with exactly one known role)
     * @param areasClaim       claim holding an office's area codes (a list of strings)
     */
    public record Jwt(@NotBlank String issuer, @NotBlank String audience, String jwkSetUri,
                      @NotEmpty List<String> algorithms, @Min(0) @Max(300) int clockSkewSeconds,
                      @NotBlank String rolesClaim, @NotBlank String areasClaim) {
    }

    /**
     * @param enabled whether HS256 tokens signed with {@code secret} are accepted (never in production)
     * @param secret  the shared HS256 key, at least 32 bytes when enabled
     */
    public record DevTokens(boolean enabled, String secret) {
    }
}
