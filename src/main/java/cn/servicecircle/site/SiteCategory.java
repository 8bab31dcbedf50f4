package cn.servicecircle.site;

import java.util.Arrays;
import java.util.Optional;

/** The five site categories of the 15-minute circle; {@link #wire()} is the API and database name. */
public enum SiteCategory {
    CHILDCARE("childcare"),
    SCHOOL("school"),
    CLINIC("clinic"),
    ELDER_CARE("elder_care"),
    ASSISTANCE("assistance");

    private final String wire;

    SiteCategory(String wire) {
        this.wire = wire;
    }

    /** @return the lower-snake name used in JSON, query parameters and the database */
    public String wire() {
        return wire;
    }

    /** @return the category with this wire name, empty when unknown or null */
    public static Optional<SiteCategory> fromWire(String wire) {
        return Arrays.stream(values()).filter(c -> c.wire.equals(wire)).findFirst();
    }
}
