package cn.servicecircle.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A verified token. Its principal is the {@link Actor}, or null when the token names no usable role (then it has
 * no authority and every protected route answers 403).
 */
final class ActorAuthentication extends AbstractAuthenticationToken {
    private final Actor actor;
    private final Jwt jwt;

    ActorAuthentication(Jwt jwt, Actor actor) {
        super(actor == null ? List.of() : List.of(new SimpleGrantedAuthority("ROLE_" + actor.role().name())));
        this.jwt = jwt;
        this.actor = actor;
        setAuthenticated(true);
    }

    @Override
    public Object getPrincipal() {
        return actor;
    }

    @Override
    public Object getCredentials() {
        return jwt;
    }

    @Override
    public String getName() {
        return jwt.getSubject();
    }
}
