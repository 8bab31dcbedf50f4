package cn.servicecircle.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Write credentials. Until roles and area scopes arrive (JWT), a write needs one of these bearer tokens.
 *
 * @param tokens accepted tokens with the actor name recorded in the audit trail; may be empty (then all writes
 *               are refused)
 */
@Validated
@ConfigurationProperties("sc.auth")
public record AuthProperties(@NotNull @Valid List<Token> tokens) {

    /**
     * @param token secret bearer token, at least 16 characters
     * @param actor who is acting, recorded in site history
     */
    public record Token(@NotBlank @Size(min = 16) String token, @NotBlank @Size(max = 100) String actor) {
    }
}
