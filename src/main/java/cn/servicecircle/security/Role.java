package cn.servicecircle.security;

import java.util.Optional;

/**
 * Who may do what. A resident is anonymous and has no role: reads of public fields only.
 *
 * <ul>
 *   <li>{@code office}: a street/town office, bound to one or more area codes; creates, edits, closes, reopens and
 *       imports only sites in its areas</li>
 *   <li>{@code planner}: planning endpoints that cost or record something (siting suggestions, population import),
 *       reported indicator values, non-public fields (site history, the audit log)</li>
 *   <li>{@code admin}: everything, in every area</li>
 *   <li>{@code system}: the service itself (the geo-data loader); never granted by a token</li>
 * </ul>
 */
public enum Role {
    OFFICE("office"), PLANNER("planner"), ADMIN("admin"), SYSTEM("system");

    private final String wire;

    Role(String wire) {
        this.wire = wire;
    }

    /** @return the name used in tokens, history rows and the API */
    public String wire() {
        return wire;
    }

    /** @return the role a token may carry under this name; {@code system} is never one */
    public static Optional<Role> fromToken(String name) {
        for (Role r : values()) {
            if (r != SYSTEM && r.wire.equals(name)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
