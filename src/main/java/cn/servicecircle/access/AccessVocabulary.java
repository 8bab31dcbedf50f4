package cn.servicecircle.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The life-circle rule in one place: walking thresholds per category and subtype, and the demand groups with the
 * subtypes that serve them. Built from configuration ({@code sc.reach.threshold-meters}, {@code sc.access.groups});
 * immutable.
 */
public final class AccessVocabulary {
    /** Threshold key of a category's entry used for subtypes without their own. */
    public static final String DEFAULT = "default";
    /** Threshold used when a category has neither the subtype nor a default, metres. */
    public static final int FALLBACK_METERS = 1000;

    private final Map<String, Map<String, Integer>> thresholds;
    private final Map<String, DemandGroup> groups;

    /**
     * @param thresholdMeters per category, per subtype (or {@value #DEFAULT}) the walking threshold, metres &gt; 0
     * @param groups          the demand groups, codes unique
     */
    public AccessVocabulary(Map<String, Map<String, Integer>> thresholdMeters, List<DemandGroup> groups) {
        Map<String, Map<String, Integer>> t = new TreeMap<>();
        thresholdMeters.forEach((category, bySubtype) -> t.put(category, Map.copyOf(new TreeMap<>(bySubtype))));
        this.thresholds = Map.copyOf(t);
        Map<String, DemandGroup> g = new LinkedHashMap<>();
        for (DemandGroup group : groups) {
            if (g.put(group.code(), group) != null) {
                throw new IllegalArgumentException("demand group " + group.code() + " defined twice");
            }
        }
        this.groups = java.util.Collections.unmodifiableMap(g);
    }

    /** @return the walking threshold of a subtype, metres: its own, else its category's default, else 1000 */
    public int thresholdMeters(String category, String subtype) {
        Map<String, Integer> bySubtype = thresholds.getOrDefault(category, Map.of());
        Integer m = bySubtype.get(subtype);
        if (m == null) {
            m = bySubtype.get(DEFAULT);
        }
        return m == null ? FALLBACK_METERS : m;
    }

    /** @return the subtypes the configuration names for a category (not "default"), sorted; possibly empty */
    public List<String> namedSubtypes(String category) {
        List<String> out = new ArrayList<>();
        for (String s : new TreeMap<>(thresholds.getOrDefault(category, Map.of())).keySet()) {
            if (!s.equals(DEFAULT)) {
                out.add(s);
            }
        }
        return out;
    }

    /** @return the categories the thresholds name, sorted */
    public List<String> categories() {
        return List.copyOf(new TreeMap<>(thresholds).keySet());
    }

    /** @return the demand groups in configuration order */
    public List<DemandGroup> groups() {
        return List.copyOf(groups.values());
    }

    /** @return the group with this code */
    public Optional<DemandGroup> group(String code) {
        return Optional.ofNullable(groups.get(code));
    }

    /** @return a rule for a subtype with its threshold */
    public ServiceRule rule(String category, String subtype) {
        return new ServiceRule(category, subtype, thresholdMeters(category, subtype));
    }
}
