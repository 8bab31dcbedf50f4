package cn.servicecircle.site.osm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The school subtype of an OSM school-like element (amenity=school|college|university), from its tags; the name only
 * as a last resort.
 *
 * <p>Contract: {@link #of} returns one of {@code kindergarten, primary, middle, high, elder_school, other}. The first
 * source that says anything decides, and within a source the lowest level wins (a school for ISCED 2 and 3 serves the
 * 12-14 group, so it is {@code middle}):
 * <ol>
 *   <li>{@code isced:level} (numbers, lists and ranges: {@code 1}, {@code 2;3}, {@code 1-3}): 0 kindergarten,
 *       1 primary, 2 middle, 3 high, 4 to 8 other (post-secondary and tertiary);</li>
 *   <li>{@code school} and {@code school:*} values (OSM's national school-type keys such as {@code school:de},
 *       {@code school:FR}): primary, grundschule, élémentaire → primary; secondary, gymnasium, realschule, collège,
 *       yläaste → middle; upper_secondary, lycée, lukio → high; university, vocational, special, … → other;
 *       unknown values say nothing;</li>
 *   <li>amenity=college|university: other (elder_school when the name says 老年大学);</li>
 *   <li>the name ({@code name}, {@code name:zh}, {@code name:en}, {@code name:fi}, {@code name:fr}, {@code name:de}),
 *       hints checked most specific first (老年大学 before 大学, 高级中学 before 中学);</li>
 *   <li>nothing: {@code other} — never {@code primary}, which would put an unknown school into the primary-school
 *       coverage of 6-11 year olds.</li>
 * </ol>
 */
public final class SchoolLevel {

    public static final String OTHER = "other";

    private static final List<String> LEVEL_BY_ISCED = List.of("kindergarten", "primary", "middle", "high");
    private static final List<String> ORDER = List.of("kindergarten", "primary", "middle", "high", "elder_school",
            OTHER);

    /** school / school:* values → subtype (lower case, accents kept). */
    private static final Map<String, String> SCHOOL_TAG_VALUES = Map.ofEntries(
            Map.entry("kindergarten", "kindergarten"), Map.entry("preschool", "kindergarten"),
            Map.entry("pre-school", "kindergarten"), Map.entry("maternelle", "kindergarten"),
            Map.entry("primary", "primary"), Map.entry("elementary", "primary"), Map.entry("grundschule", "primary"),
            Map.entry("primaire", "primary"), Map.entry("élémentaire", "primary"), Map.entry("elementaire", "primary"),
            Map.entry("ala-aste", "primary"), Map.entry("alakoulu", "primary"),
            Map.entry("secondary", "middle"), Map.entry("lower_secondary", "middle"), Map.entry("middle", "middle"),
            Map.entry("junior_high", "middle"), Map.entry("hauptschule", "middle"), Map.entry("realschule", "middle"),
            Map.entry("werkrealschule", "middle"), Map.entry("gymnasium", "middle"), Map.entry("gesamtschule", "middle"),
            Map.entry("gemeinschaftsschule", "middle"), Map.entry("mittelschule", "middle"),
            Map.entry("collège", "middle"), Map.entry("yläaste", "middle"), Map.entry("yläkoulu", "middle"),
            Map.entry("upper_secondary", "high"), Map.entry("high", "high"), Map.entry("senior_high", "high"),
            Map.entry("lycée", "high"), Map.entry("lycee", "high"), Map.entry("lukio", "high"),
            Map.entry("sixth_form", "high"),
            Map.entry("university", OTHER), Map.entry("tertiary", OTHER), Map.entry("higher_education", OTHER),
            Map.entry("vocational", OTHER), Map.entry("berufsschule", OTHER), Map.entry("special", OTHER),
            Map.entry("special_education", OTHER), Map.entry("förderschule", OTHER), Map.entry("music", OTHER),
            Map.entry("language", OTHER), Map.entry("driving", OTHER));

    /** Name hints, most specific first; the first hint found in any name decides. */
    private static final List<Map.Entry<String, String>> NAME_HINTS = List.of(
            Map.entry("老年大学", "elder_school"), Map.entry("老年学校", "elder_school"),
            Map.entry("幼儿园", "kindergarten"), Map.entry("kindergarten", "kindergarten"),
            Map.entry("école maternelle", "kindergarten"), Map.entry("päiväkoti", "kindergarten"),
            Map.entry("高级中学", "high"), Map.entry("高中", "high"), Map.entry("lycée", "high"),
            Map.entry("lycee", "high"), Map.entry("lukio", "high"), Map.entry("gymnasiet", "high"),
            Map.entry("high school", "high"),
            Map.entry("小学", "primary"), Map.entry("九年一贯", "primary"), Map.entry("grundschule", "primary"),
            Map.entry("primary", "primary"), Map.entry("elementary", "primary"), Map.entry("école primaire", "primary"),
            Map.entry("école élémentaire", "primary"), Map.entry("ala-aste", "primary"),
            Map.entry("alakoulu", "primary"),
            Map.entry("初中", "middle"), Map.entry("中学", "middle"), Map.entry("gymnasium", "middle"),
            Map.entry("werkrealschule", "middle"), Map.entry("realschule", "middle"),
            Map.entry("gesamtschule", "middle"), Map.entry("gemeinschaftsschule", "middle"),
            Map.entry("hauptschule", "middle"), Map.entry("secondary", "middle"), Map.entry("middle school", "middle"),
            Map.entry("collège", "middle"), Map.entry("yläaste", "middle"), Map.entry("yläkoulu", "middle"),
            Map.entry("大学", OTHER), Map.entry("学院", OTHER), Map.entry("职业", OTHER), Map.entry("universität", OTHER),
            Map.entry("university", OTHER), Map.entry("hochschule", OTHER), Map.entry("université", OTHER),
            Map.entry("yliopisto", OTHER), Map.entry("berufsschule", OTHER), Map.entry("vocational", OTHER));

    private static final List<String> NAME_KEYS = List.of("name", "name:zh", "name:en", "name:fi", "name:fr",
            "name:de");

    private SchoolLevel() {
    }

    /**
     * @param amenity the element's amenity (school, college or university)
     * @param tags    all its tags (values as OSM strings)
     */
    public static String of(String amenity, Map<String, ?> tags) {
        Optional<String> byTags = fromIsced(text(tags, "isced:level")).or(() -> fromSchoolTags(tags));
        if (byTags.isPresent()) {
            return byTags.get();
        }
        Optional<String> byName = fromName(tags);
        if (!"school".equals(amenity)) { // college, university: higher education unless it is an elder school
            return byName.filter(s -> s.equals("elder_school")).orElse(OTHER);
        }
        return byName.orElse(OTHER);
    }

    static Optional<String> fromIsced(String value) {
        List<Integer> levels = new ArrayList<>();
        for (String part : value.split("[;,]")) {
            String[] range = part.trim().split("\\s*-\\s*");
            try {
                int lo = Integer.parseInt(range[0].trim());
                int hi = range.length == 2 ? Integer.parseInt(range[1].trim()) : lo;
                for (int l = lo; l <= Math.min(hi, 8); l++) {
                    levels.add(l);
                }
            } catch (NumberFormatException e) {
                // not a level ("yes", "primary"): says nothing
            }
        }
        return levels.stream().filter(l -> l >= 0 && l <= 8).min(Integer::compare)
                .map(l -> l < LEVEL_BY_ISCED.size() ? LEVEL_BY_ISCED.get(l) : OTHER);
    }

    private static Optional<String> fromSchoolTags(Map<String, ?> tags) {
        List<String> found = new ArrayList<>();
        tags.forEach((key, value) -> {
            if (key.equals("school") || key.startsWith("school:")) {
                for (String v : String.valueOf(value).split(";")) {
                    String subtype = SCHOOL_TAG_VALUES.get(v.trim().toLowerCase(Locale.ROOT));
                    if (subtype != null) {
                        found.add(subtype);
                    }
                }
            }
        });
        return found.stream().min((a, b) -> Integer.compare(ORDER.indexOf(a), ORDER.indexOf(b)));
    }

    private static Optional<String> fromName(Map<String, ?> tags) {
        StringBuilder names = new StringBuilder();
        for (String k : NAME_KEYS) {
            names.append(text(tags, k).toLowerCase(Locale.ROOT)).append(' ');
        }
        String all = names.toString();
        return NAME_HINTS.stream().filter(h -> all.contains(h.getKey())).map(Map.Entry::getValue).findFirst();
    }

    private static String text(Map<String, ?> tags, String key) {
        Object v = tags.get(key);
        return v == null ? "" : v.toString();
    }
}
