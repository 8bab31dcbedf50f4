package cn.servicecircle.planning;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import cn.servicecircle.access.AccessVocabulary;
import cn.servicecircle.access.DemandGroup;
import cn.servicecircle.coord.CoordSys;
import cn.servicecircle.coord.LonLat;
import cn.servicecircle.site.SiteCategory;
import cn.servicecircle.web.ApiException;
import cn.servicecircle.web.CoordParams;
import cn.servicecircle.web.FieldProblem;

/**
 * Turns a decoded what-if body into a {@link Scenario}, collecting every field problem at once (400). Checks form
 * only: whether ids name open sites and points lie in the service area depends on the snapshot, see
 * {@link ScenarioService}.
 *
 * <p>Contract: a JSON object with optional {@code groups: [code]}, {@code add: [{category, subtype,
 * location: {lon, lat}}]}, {@code move: [{id, location: {lon, lat}}]}, {@code close: [id]}; unknown fields are
 * errors; at most {@value Scenario#MAX_CHANGES} changes in all; a site is moved or closed at most once.
 */
final class ScenarioParser {
    private static final Set<String> FIELDS = Set.of("groups", "add", "move", "close");
    private static final Set<String> ADD_FIELDS = Set.of("category", "subtype", "location");
    private static final Set<String> MOVE_FIELDS = Set.of("id", "location");
    /** Site ids are UUIDs today; anything much longer is certainly not one. */
    private static final int MAX_ID = 100;

    private final AccessVocabulary vocabulary;
    private final Set<String> subtypes;
    private final CoordSys sys;
    private final List<FieldProblem> problems = new ArrayList<>();

    /**
     * @param subtypes the site registry's "category/subtype" pairs
     * @param sys      the coordinate system of the body's locations
     */
    ScenarioParser(AccessVocabulary vocabulary, Set<String> subtypes, CoordSys sys) {
        this.vocabulary = vocabulary;
        this.subtypes = Set.copyOf(subtypes);
        this.sys = sys;
    }

    /** @throws ApiException 400 listing every offending field */
    Scenario parse(Map<String, Object> body) {
        for (String key : body.keySet()) {
            if (!FIELDS.contains(key)) {
                unknownField(key, FIELDS);
            }
        }
        List<DemandGroup> groups = new ArrayList<>();
        Set<String> seenGroups = new HashSet<>();
        List<?> groupCodes = list(body, "groups", vocabulary.groups().size());
        for (int i = 0; i < groupCodes.size(); i++) {
            String field = "groups[" + i + "]";
            if (!(groupCodes.get(i) instanceof String code)) {
                problems.add(new FieldProblem(field, "INVALID_TYPE", "A demand group code (string)"));
            } else if (!seenGroups.add(code)) {
                problems.add(new FieldProblem(field, "DUPLICATE", "Group '" + code + "' is named twice"));
            } else {
                vocabulary.group(code).ifPresentOrElse(groups::add, () -> problems.add(new FieldProblem(field,
                        "UNKNOWN_GROUP", "Unknown demand group '" + code + "'; known: " + String.join(", ",
                        vocabulary.groups().stream().map(DemandGroup::code).toList()))));
            }
        }
        if (groupCodes.isEmpty()) {
            groups.addAll(vocabulary.groups());
        }
        List<?> addList = list(body, "add", Scenario.MAX_CHANGES);
        List<?> moveList = list(body, "move", Scenario.MAX_CHANGES);
        List<?> closeList = list(body, "close", Scenario.MAX_CHANGES);
        if (addList.size() + moveList.size() + closeList.size() > Scenario.MAX_CHANGES) {
            throw ApiException.badField("add", "TOO_MANY_CHANGES", "At most " + Scenario.MAX_CHANGES
                    + " changes (added + moved + closed) in one scenario");
        }
        List<Scenario.NewSite> add = new ArrayList<>();
        for (int i = 0; i < addList.size(); i++) {
            Scenario.NewSite s = newSite("add[" + i + "]", addList.get(i));
            if (s != null) {
                add.add(s);
            }
        }
        Set<String> touched = new HashSet<>();
        List<Scenario.Move> move = new ArrayList<>();
        for (int i = 0; i < moveList.size(); i++) {
            Scenario.Move m = move("move[" + i + "]", moveList.get(i), touched);
            if (m != null) {
                move.add(m);
            }
        }
        List<String> close = new ArrayList<>();
        for (int i = 0; i < closeList.size(); i++) {
            String id = id("close[" + i + "]", closeList.get(i), touched);
            if (id != null) {
                close.add(id);
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }
        return new Scenario(groups, add, move, close);
    }

    private List<?> list(Map<String, Object> body, String field, int max) {
        Object v = body.get(field);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            problems.add(new FieldProblem(field, "INVALID_TYPE", "'" + field + "' is an array"));
            return List.of();
        }
        if (l.size() > max) {
            throw ApiException.badField(field, "TOO_MANY_ITEMS", "'" + field + "' has more than " + max + " items");
        }
        return l;
    }

    private Scenario.NewSite newSite(String field, Object v) {
        if (!(v instanceof Map<?, ?> m)) {
            problems.add(new FieldProblem(field, "INVALID_TYPE", "A site: {category, subtype, location}"));
            return null;
        }
        checkFields(field, m, ADD_FIELDS);
        String category = text(field + ".category", m.get("category"));
        String subtype = text(field + ".subtype", m.get("subtype"));
        LonLat at = location(field + ".location", m.get("location"));
        if (category != null && SiteCategory.fromWire(category).isEmpty()) {
            problems.add(new FieldProblem(field + ".category", "UNKNOWN_CATEGORY", "Unknown category '" + category
                    + "'; allowed: childcare, school, clinic, elder_care, assistance"));
            return null;
        }
        if (category != null && subtype != null && !subtypes.contains(category + "/" + subtype)) {
            problems.add(new FieldProblem(field + ".subtype", "UNKNOWN_SUBTYPE", "Subtype '" + subtype
                    + "' is not listed for category '" + category + "' (see GET /v1/site-types)"));
            return null;
        }
        return category == null || subtype == null || at == null ? null
                : new Scenario.NewSite(category, subtype, at.lon(), at.lat());
    }

    private Scenario.Move move(String field, Object v, Set<String> touched) {
        if (!(v instanceof Map<?, ?> m)) {
            problems.add(new FieldProblem(field, "INVALID_TYPE", "A move: {id, location}"));
            return null;
        }
        checkFields(field, m, MOVE_FIELDS);
        String id = id(field + ".id", m.get("id"), touched);
        LonLat at = location(field + ".location", m.get("location"));
        return id == null || at == null ? null : new Scenario.Move(id, at.lon(), at.lat());
    }

    /** @return the id, or null (problem noted) when missing, malformed or already moved/closed in this scenario */
    private String id(String field, Object v, Set<String> touched) {
        String id = text(field, v);
        if (id == null) {
            return null;
        }
        if (id.length() > MAX_ID) {
            problems.add(new FieldProblem(field, "INVALID_FORMAT", "Not a site id"));
            return null;
        }
        if (!touched.add(id)) {
            problems.add(new FieldProblem(field, "DUPLICATE", "Site '" + id + "' is moved or closed twice"));
            return null;
        }
        return id;
    }

    private String text(String field, Object v) {
        if (v == null) {
            problems.add(new FieldProblem(field, "REQUIRED", "'" + field + "' is required"));
            return null;
        }
        if (!(v instanceof String s) || s.isBlank()) {
            problems.add(new FieldProblem(field, "INVALID_TYPE", "'" + field + "' is a non-empty string"));
            return null;
        }
        return s;
    }

    /** @return the location in WGS84, or null (problem noted) */
    private LonLat location(String field, Object v) {
        if (!(v instanceof Map<?, ?> m)) {
            problems.add(new FieldProblem(field, v == null ? "REQUIRED" : "INVALID_TYPE",
                    "'" + field + "' is {lon, lat} in degrees"));
            return null;
        }
        checkFields(field, m, Set.of("lon", "lat"));
        Double lon = degrees(field + ".lon", m.get("lon"), 180);
        Double lat = degrees(field + ".lat", m.get("lat"), 90);
        return lon == null || lat == null ? null : CoordParams.toWgs84(lon, lat, sys);
    }

    private Double degrees(String field, Object v, double limit) {
        if (v instanceof Number n && Double.isFinite(n.doubleValue()) && Math.abs(n.doubleValue()) <= limit) {
            return n.doubleValue();
        }
        problems.add(new FieldProblem(field, v == null ? "REQUIRED" : "OUT_OF_RANGE",
                "A number of degrees within ±" + (int) limit));
        return null;
    }

    private void checkFields(String field, Map<?, ?> m, Set<String> allowed) {
        for (Object key : m.keySet()) {
            if (!allowed.contains(key)) {
                unknownField(field + "." + key, allowed);
            }
        }
    }

    private void unknownField(String field, Set<String> allowed) {
        problems.add(new FieldProblem(field, "UNKNOWN_FIELD", "Unknown field '" + field + "'; allowed: "
                + String.join(", ", new TreeSet<>(allowed))));
    }
}
