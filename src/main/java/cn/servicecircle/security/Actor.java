package cn.servicecircle.security;

import java.util.Set;
import java.util.TreeSet;

/**
 * Who makes a change: carried from the request (or the loader) to the history row.
 *
 * @param name      recorded in history, 1–100 characters (the token's {@code name} claim, else its subject)
 * @param role      never null
 * @param areaCodes the areas an office may write in; empty for every other role (they are not bound to areas)
 * @param subject   the token's {@code sub}: the identity provider's stable id, recorded beside the display name
 *                  (names need not be unique); null for the service itself
 */
public record Actor(String name, Role role, Set<String> areaCodes, String subject) {
    public static final int MAX_NAME = 100;

    public Actor {
        if (name == null || name.isBlank() || name.codePointCount(0, name.length()) > MAX_NAME) {
            throw new IllegalArgumentException("An actor's name has 1-100 characters");
        }
        if (role == null) {
            throw new IllegalArgumentException("An actor has a role");
        }
        areaCodes = Set.copyOf(new TreeSet<>(areaCodes == null ? Set.of() : areaCodes));
        if (subject != null && (subject.isBlank() || subject.length() > 255)) {
            throw new IllegalArgumentException("A subject has 1-255 characters");
        }
    }

    /** An actor without a token subject. */
    public Actor(String name, Role role, Set<String> areaCodes) {
        this(name, role, areaCodes, null);
    }

    /** The service itself (geo-data loader): writes anywhere. */
    public static Actor system(String name) {
        return new Actor(name, Role.SYSTEM, Set.of());
    }

    /** @return whether this actor may create or change sites at all (in some area) */
    public boolean writesSites() {
        return role == Role.ADMIN || role == Role.SYSTEM || (role == Role.OFFICE && !areaCodes.isEmpty());
    }

    /** @return whether a site owned by {@code areaCode} is within this actor's scope */
    public boolean covers(String areaCode) {
        return switch (role) {
            case ADMIN, SYSTEM -> true;
            case OFFICE -> areaCodes.contains(areaCode);
            case PLANNER -> false;
        };
    }

    /** @return whether this actor reads non-public fields (history, audit) */
    public boolean readsAudit() {
        return role == Role.PLANNER || role == Role.ADMIN;
    }
}
