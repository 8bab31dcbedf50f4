package cn.servicecircle.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.security.oauth2.jwt.Jwt;

import cn.servicecircle.web.TextRule;

/**
 * Reads the {@link Actor} from a verified token's claims. Deny by default: a token whose role is missing, unknown,
 * {@code system}, or not exactly one, or an office token without valid area codes, yields no actor (403 on every
 * protected route). Only the configured claims count: nothing in the request body or other headers can raise a role.
 */
final class TokenActors {
    private static final Pattern AREA_CODE = Pattern.compile("^[A-Za-z0-9-]{2,20}$");

    private final String rolesClaim;
    private final String areasClaim;

    TokenActors(String rolesClaim, String areasClaim) {
        this.rolesClaim = rolesClaim;
        this.areasClaim = areasClaim;
    }

    /** @return the actor, or null when the claims do not name one */
    Actor actor(Jwt jwt) {
        Role role = role(jwt.getClaims().get(rolesClaim));
        if (role == null || jwt.getSubject() == null || jwt.getSubject().isBlank()) {
            return null;
        }
        Set<String> areas = Set.of();
        if (role == Role.OFFICE) {
            areas = areas(jwt.getClaims().get(areasClaim));
            if (areas.isEmpty()) {
                return null;
            }
        }
        String name = name(jwt);
        String subject = jwt.getSubject().length() > 255 ? null : jwt.getSubject();
        return name == null || subject == null ? null : new Actor(name, role, areas, subject);
    }

    private static Role role(Object claim) {
        List<?> names = claim instanceof String s ? List.of(s) : claim instanceof Collection<?> c ? List.copyOf(c) : List.of();
        Role found = null;
        for (Object n : names) {
            Role r = n instanceof String s ? Role.fromToken(s).orElse(null) : null;
            if (r == null || (found != null && found != r)) {
                return null; // an unknown name or two different roles: refuse rather than pick one
            }
            found = r;
        }
        return found;
    }

    private static Set<String> areas(Object claim) {
        if (!(claim instanceof Collection<?> codes) || codes.isEmpty() || codes.size() > 50) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (Object c : codes) {
            if (!(c instanceof String s) || !AREA_CODE.matcher(s).matches()) {
                return Set.of();
            }
            out.add(s);
        }
        return out;
    }

    /** The {@code name} claim when it is usable single-line text of ≤ 100 characters, else the subject; else null. */
    private static String name(Jwt jwt) {
        Object name = jwt.getClaims().get("name");
        if (name instanceof String s && usable(s.strip())) {
            return s.strip();
        }
        String subject = jwt.getSubject().strip();
        return usable(subject) ? subject : null;
    }

    private static boolean usable(String s) {
        return !s.isEmpty() && s.codePointCount(0, s.length()) <= Actor.MAX_NAME
                && TextRule.violation("actor", s) == null;
    }
}
