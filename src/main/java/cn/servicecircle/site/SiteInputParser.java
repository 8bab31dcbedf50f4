package cn.servicecircle.site;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import cn.servicecircle.web.ApiException;
import cn.servicecircle.web.FieldProblem;
import cn.servicecircle.web.TextRule;

/**
 * Turns a decoded JSON object into a {@link SiteDraft}, collecting every field problem at once.
 * Location is returned as given (in the request's coordinate system); the caller converts it.
 *
 * <p>Contract: the body is a JSON object with fields {@code category, subtype, name} (required),
 * {@code location: {lon, lat}} (required), {@code externalId, address, areaCode, capacity{slots, inclusiveSlots,
 * beds, seats, staff}, inclusive, openingHours, phone, status} (optional, null = unknown). Unknown fields are
 * errors. Every string goes through {@link TextRule} (refused: control characters, lone surrogates; returned: NFC,
 * trimmed); lengths count code points of the normalised text, as PostgreSQL does.
 */
public final class SiteInputParser {
    static final Set<String> FIELDS = Set.of("externalId", "category", "subtype", "name", "address", "location",
            "areaCode", "capacity", "inclusive", "openingHours", "phone", "status");
    static final Set<String> CAPACITY_FIELDS = Set.of("slots", "inclusiveSlots", "beds", "seats", "staff");
    private static final Pattern PHONE = Pattern.compile("^[0-9+() -]{3,30}$");
    private static final Pattern AREA_CODE = Pattern.compile("^[A-Za-z0-9-]{2,20}$");
    /** Largest capacity figure accepted; larger is certainly a typo. */
    static final int MAX_CAPACITY = 100_000;

    private final Set<String> subtypes;

    /** @param subtypes accepted pairs as "category/subtype" */
    public SiteInputParser(Set<String> subtypes) {
        this.subtypes = Set.copyOf(subtypes);
    }

    /**
     * @param body decoded JSON object, never null
     * @return the draft (location in the request's coordinate system, areaCode possibly null)
     * @throws ApiException 400 listing every offending field
     */
    public SiteDraft parse(Map<String, Object> body) {
        List<FieldProblem> problems = new ArrayList<>();
        for (String key : body.keySet()) {
            if (!FIELDS.contains(key)) {
                problems.add(new FieldProblem(key, "UNKNOWN_FIELD", "Unknown field '" + key + "'; allowed: "
                        + String.join(", ", new java.util.TreeSet<>(FIELDS))));
            }
        }
        String externalId = string(body, "externalId", 200, false, problems);
        String categoryName = string(body, "category", 40, true, problems);
        SiteCategory category = null;
        if (categoryName != null) {
            category = SiteCategory.fromWire(categoryName).orElse(null);
            if (category == null) {
                problems.add(new FieldProblem("category", "UNKNOWN_CATEGORY", "Unknown category '" + categoryName
                        + "'; allowed: childcare, school, clinic, elder_care, assistance"));
            }
        }
        String subtype = string(body, "subtype", 40, true, problems);
        if (category != null && subtype != null && !subtypes.contains(category.wire() + "/" + subtype)) {
            problems.add(new FieldProblem("subtype", "UNKNOWN_SUBTYPE", "Subtype '" + subtype
                    + "' is not listed for category '" + category.wire() + "' (see GET /v1/site-types)"));
        }
        String name = string(body, "name", 200, true, problems);
        String address = string(body, "address", 300, false, problems);
        double[] location = location(body.get("location"), body.containsKey("location"), problems);
        String areaCode = string(body, "areaCode", 20, false, problems);
        if (areaCode != null && !AREA_CODE.matcher(areaCode).matches()) {
            problems.add(new FieldProblem("areaCode", "INVALID_FORMAT", "Area codes are 2–20 letters, digits or '-'"));
        }
        Capacity capacity = capacity(body.get("capacity"), problems);
        Boolean inclusive = bool(body, "inclusive", problems);
        String openingHours = string(body, "openingHours", 200, false, problems);
        String phone = string(body, "phone", 30, false, problems);
        if (phone != null && !PHONE.matcher(phone).matches()) {
            problems.add(new FieldProblem("phone", "INVALID_FORMAT", "Phone numbers use digits, spaces, + - ( ) only"));
        }
        String status = string(body, "status", 10, false, problems);
        if (status != null && !status.equals("open") && !status.equals("closed")) {
            problems.add(new FieldProblem("status", "INVALID_VALUE", "Status is 'open' or 'closed'"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }
        return new SiteDraft(externalId, category, subtype, name, address, location[0], location[1], areaCode,
                capacity, Boolean.TRUE.equals(inclusive), openingHours, phone, !"closed".equals(status));
    }

    /**
     * The writable fields of an existing site, as a body that {@link #parse} accepts (location in WGS84).
     * Used to apply a JSON merge patch.
     */
    public static Map<String, Object> toBody(Site s) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("externalId", s.externalId());
        body.put("category", s.category().wire());
        body.put("subtype", s.subtype());
        body.put("name", s.name());
        body.put("address", s.address());
        Map<String, Object> loc = new LinkedHashMap<>();
        loc.put("lon", s.lon());
        loc.put("lat", s.lat());
        body.put("location", loc);
        body.put("areaCode", s.areaCode());
        Map<String, Object> cap = new LinkedHashMap<>();
        cap.put("slots", s.capacity().slots());
        cap.put("inclusiveSlots", s.capacity().inclusiveSlots());
        cap.put("beds", s.capacity().beds());
        cap.put("seats", s.capacity().seats());
        cap.put("staff", s.capacity().staff());
        body.put("capacity", cap);
        body.put("inclusive", s.inclusive());
        body.put("openingHours", s.openingHours());
        body.put("phone", s.phone());
        body.put("status", s.open() ? "open" : "closed");
        return body;
    }

    /** RFC 7396 JSON merge patch: null removes, objects merge recursively, anything else replaces. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> mergePatch(Map<String, Object> target, Map<String, Object> patch) {
        Map<String, Object> result = new LinkedHashMap<>(target);
        patch.forEach((key, value) -> {
            if (value == null) {
                result.remove(key);
            } else if (value instanceof Map<?, ?> pm && result.get(key) instanceof Map<?, ?> tm) {
                result.put(key, mergePatch((Map<String, Object>) tm, (Map<String, Object>) pm));
            } else {
                result.put(key, value);
            }
        });
        return result;
    }

    private static String string(Map<String, Object> body, String field, int maxLength, boolean required,
                                 List<FieldProblem> problems) {
        Object v = body.get(field);
        if (v == null) {
            if (required) {
                problems.add(new FieldProblem(field, "REQUIRED", "'" + field + "' is required"));
            }
            return null;
        }
        if (!(v instanceof String s)) {
            problems.add(new FieldProblem(field, "INVALID_TYPE", "'" + field + "' must be a string"));
            return null;
        }
        FieldProblem refused = TextRule.violation(field, s);
        if (refused != null) {
            problems.add(refused);
            return null;
        }
        String text = TextRule.normalize(s);
        if (TextRule.isBlank(text)) {
            if (required) {
                problems.add(new FieldProblem(field, "REQUIRED", "'" + field + "' must not be blank"));
            }
            return null;
        }
        if (TextRule.length(text) > maxLength) {
            problems.add(new FieldProblem(field, "TOO_LONG", "'" + field + "' is longer than " + maxLength + " characters"));
            return null;
        }
        return text;
    }

    private static Boolean bool(Map<String, Object> body, String field, List<FieldProblem> problems) {
        Object v = body.get(field);
        if (v == null || v instanceof Boolean) {
            return (Boolean) v;
        }
        problems.add(new FieldProblem(field, "INVALID_TYPE", "'" + field + "' must be true or false"));
        return null;
    }

    private static double[] location(Object v, boolean present, List<FieldProblem> problems) {
        double[] none = {Double.NaN, Double.NaN};
        if (v == null) {
            problems.add(new FieldProblem("location", "REQUIRED", present ? "'location' must not be null"
                    : "'location' {lon, lat} is required"));
            return none;
        }
        if (!(v instanceof Map<?, ?> m)) {
            problems.add(new FieldProblem("location", "INVALID_TYPE", "'location' must be an object {lon, lat}"));
            return none;
        }
        for (Object key : m.keySet()) {
            if (!"lon".equals(key) && !"lat".equals(key)) {
                problems.add(new FieldProblem("location." + key, "UNKNOWN_FIELD", "location has only lon and lat"));
            }
        }
        Double lon = coordinate(m.get("lon"), "location.lon", 180, problems);
        Double lat = coordinate(m.get("lat"), "location.lat", 90, problems);
        return lon == null || lat == null ? none : new double[] {lon, lat};
    }

    private static Double coordinate(Object v, String field, double limit, List<FieldProblem> problems) {
        if (v == null) {
            problems.add(new FieldProblem(field, "REQUIRED", "'" + field + "' is required"));
            return null;
        }
        if (!(v instanceof Number n)) {
            problems.add(new FieldProblem(field, "INVALID_TYPE", "'" + field + "' must be a number (degrees)"));
            return null;
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d) || d < -limit || d > limit) {
            problems.add(new FieldProblem(field, "OUT_OF_RANGE", "'" + field + "' must be within ±" + (int) limit + " degrees"));
            return null;
        }
        return d;
    }

    private static Capacity capacity(Object v, List<FieldProblem> problems) {
        if (v == null) {
            return Capacity.UNKNOWN;
        }
        if (!(v instanceof Map<?, ?> m)) {
            problems.add(new FieldProblem("capacity", "INVALID_TYPE", "'capacity' must be an object"));
            return Capacity.UNKNOWN;
        }
        for (Object key : m.keySet()) {
            if (!CAPACITY_FIELDS.contains(key)) {
                problems.add(new FieldProblem("capacity." + key, "UNKNOWN_FIELD", "Unknown capacity field '" + key
                        + "'; allowed: beds, inclusiveSlots, seats, slots, staff"));
            }
        }
        Integer slots = count(m.get("slots"), "capacity.slots", problems);
        Integer inclusiveSlots = count(m.get("inclusiveSlots"), "capacity.inclusiveSlots", problems);
        if (slots != null && inclusiveSlots != null && inclusiveSlots > slots) {
            problems.add(new FieldProblem("capacity.inclusiveSlots", "EXCEEDS_SLOTS",
                    "Inclusive slots cannot exceed slots"));
        }
        return new Capacity(slots, inclusiveSlots, count(m.get("beds"), "capacity.beds", problems),
                count(m.get("seats"), "capacity.seats", problems), count(m.get("staff"), "capacity.staff", problems));
    }

    private static Integer count(Object v, String field, List<FieldProblem> problems) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof java.math.BigInteger)) {
            problems.add(new FieldProblem(field, "INVALID_TYPE", "'" + field + "' must be a whole number"));
            return null;
        }
        long n = ((Number) v).longValue();
        if (n < 0 || n > MAX_CAPACITY || (v instanceof java.math.BigInteger b && b.bitLength() > 62)) {
            problems.add(new FieldProblem(field, "OUT_OF_RANGE", "'" + field + "' must be between 0 and " + MAX_CAPACITY));
            return null;
        }
        return (int) n;
    }
}
