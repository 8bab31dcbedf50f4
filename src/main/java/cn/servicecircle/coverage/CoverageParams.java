package cn.servicecircle.coverage;

import java.util.List;

import cn.servicecircle.access.AccessVocabulary;
import cn.servicecircle.access.DemandGroup;
import cn.servicecircle.web.ApiException;

/** Query parameters shared by the coverage, gaps and export endpoints, parsed into values or a 400 problem. */
public final class CoverageParams {
    /** Response formats of coverage and gaps besides their JSON default. */
    static final String CSV = "csv";

    private CoverageParams() {
    }

    /**
     * @return the demand group with this code
     * @throws ApiException 400 UNKNOWN_GROUP naming the known codes
     */
    public static DemandGroup group(AccessVocabulary vocabulary, String code) {
        return vocabulary.group(code).orElseThrow(() -> ApiException.badField("group", "UNKNOWN_GROUP",
                "Unknown demand group '" + code + "'; known: " + String.join(", ",
                        vocabulary.groups().stream().map(DemandGroup::code).toList())));
    }

    /** @return the named group, or every group when the parameter is absent or blank */
    static List<DemandGroup> groupsOrAll(AccessVocabulary vocabulary, String code) {
        return code == null || code.isBlank() ? vocabulary.groups() : List.of(group(vocabulary, code));
    }

    /**
     * @return the street/town code, null when absent or blank (the whole region)
     * @throws ApiException 400 INVALID_PARAMETER when not 6–12 digits
     */
    static String area(String area) {
        String areaCode = area == null || area.isBlank() ? null : area;
        if (areaCode != null && !areaCode.matches("[0-9]{6,12}")) {
            throw ApiException.badField("area", "INVALID_PARAMETER", "area is a street/town code, e.g. 330203001");
        }
        return areaCode;
    }

    /**
     * @param json the name of the JSON default ("json", "geojson")
     * @return whether CSV was asked for
     * @throws ApiException 400 INVALID_PARAMETER for any other format
     */
    static boolean csv(String format, String json) {
        if (format == null || format.isBlank() || format.equals(json)) {
            return false;
        }
        if (format.equals(CSV)) {
            return true;
        }
        throw ApiException.badField("format", "INVALID_PARAMETER", "format is '" + json + "' (default) or 'csv'");
    }

    /** @return the value rounded to 0.1 (residents, metres): the precision every coverage figure is given in */
    static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** @return the share rounded to 4 decimals */
    static double round4(double share) {
        return Math.round(share * 10_000) / 10_000.0;
    }
}
