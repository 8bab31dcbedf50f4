package cn.servicecircle.site;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A flat row of a sites file (CSV columns, or a GeoJSON feature's properties) as the JSON body that
 * {@link SiteInputParser} validates, so files and the API share one rule. Columns: {@code external_id, category,
 * subtype, name, address, lon, lat, area_code, slots, inclusive_slots, beds, seats, staff, inclusive, opening_hours,
 * phone, status}; empty cells are absent. Numbers that do not parse are passed on as text, so the parser names the
 * field ({@code INVALID_TYPE}) instead of this class guessing.
 */
public final class SiteRows {
    /** Columns a sites file may have besides lon/lat. */
    public static final Set<String> COLUMNS = Set.of("external_id", "category", "subtype", "name", "address", "lon",
            "lat", "area_code", "slots", "inclusive_slots", "beds", "seats", "staff", "inclusive", "opening_hours",
            "phone", "status");
    private static final Map<String, String> TEXT = Map.of("external_id", "externalId", "category", "category",
            "subtype", "subtype", "name", "name", "address", "address", "area_code", "areaCode",
            "opening_hours", "openingHours", "phone", "phone", "status", "status");
    private static final Map<String, String> CAPACITY = Map.of("slots", "slots", "inclusive_slots", "inclusiveSlots",
            "beds", "beds", "seats", "seats", "staff", "staff");

    private SiteRows() {
    }

    /**
     * @param row column → value (null or empty = absent); columns outside {@link #COLUMNS} are ignored here (the
     *            caller decides whether they are errors)
     * @return a body for {@link SiteInputParser#parse}, location in the file's coordinate system
     */
    public static Map<String, Object> toBody(Map<String, ?> row) {
        Map<String, Object> body = new LinkedHashMap<>();
        TEXT.forEach((column, field) -> {
            Object v = present(row.get(column));
            if (v != null) {
                // scalars as text; anything else (a JSON object or array) as is, for the parser to refuse by type
                body.put(field, v instanceof Number || v instanceof Boolean ? String.valueOf(v) : v);
            }
        });
        Map<String, Object> capacity = new LinkedHashMap<>();
        CAPACITY.forEach((column, field) -> {
            Object v = present(row.get(column));
            if (v != null) {
                capacity.put(field, number(v));
            }
        });
        if (!capacity.isEmpty()) {
            body.put("capacity", capacity);
        }
        Object inclusive = present(row.get("inclusive"));
        if (inclusive != null) {
            body.put("inclusive", inclusive instanceof String s && (s.equals("true") || s.equals("false"))
                    ? Boolean.valueOf(s) : inclusive);
        } else if (capacity.get("inclusiveSlots") instanceof Number n && n.intValue() > 0) {
            body.put("inclusive", true); // a site with inclusive places is a 普惠 site
        }
        Object lon = present(row.get("lon"));
        Object lat = present(row.get("lat"));
        if (lon != null || lat != null) {
            Map<String, Object> location = new LinkedHashMap<>();
            location.put("lon", lon == null ? null : number(lon));
            location.put("lat", lat == null ? null : number(lat));
            body.put("location", location);
        }
        return body;
    }

    private static Object present(Object v) {
        return v == null || (v instanceof String s && s.isEmpty()) ? null : v;
    }

    /** A number cell as a number when it is one (integers as Integer/Long), else the text unchanged. */
    private static Object number(Object v) {
        if (v instanceof Number) {
            return v;
        }
        String s = String.valueOf(v).trim();
        try {
            BigDecimal d = new BigDecimal(s);
            if (d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0) {
                try {
                    return d.intValueExact();
                } catch (ArithmeticException e) {
                    return d.longValue();
                }
            }
            return d.doubleValue();
        } catch (NumberFormatException e) {
            return v;
        }
    }
}
