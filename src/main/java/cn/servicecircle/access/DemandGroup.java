package cn.servicecircle.access;

import java.util.List;

/**
 * Residents of an age range and the services that serve them: a resident is served when a site of <em>any</em>
 * of the rules' subtypes is within that subtype's threshold.
 *
 * @param code   stable code, e.g. {@code preschool}
 * @param nameZh name in Chinese
 * @param nameEn name in English
 * @param ages   the age range, read from the census bands by {@link AgeRange}'s split rule
 * @param rules  the serving subtypes, at least one
 */
public record DemandGroup(String code, String nameZh, String nameEn, AgeRange ages, List<ServiceRule> rules) {
    public DemandGroup {
        rules = List.copyOf(rules);
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("demand group " + code + " needs at least one serving subtype");
        }
    }

    /** @return the group's residents among {@code bands} */
    public double demand(AgeBands bands) {
        return ages.count(bands);
    }
}
