package cn.servicecircle.indicator;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.servicecircle.indicator.TargetRule.Better;
import cn.servicecircle.geodata.Csv;

/**
 * Reads {@code indicators.csv} (format in geo-data/MANIFEST.md): one row per indicator with the baseline and the
 * targets as printed ({@code baseline_2022, target_2023 … target_2027}) and the machine form of each target
 * ({@code rule_2023 … rule_2027}, see {@link TargetRule#wire()}). Plain Java.
 */
public final class IndicatorCsv {
    private IndicatorCsv() {
    }

    /**
     * @return the indicators in file order
     * @throws IllegalArgumentException naming the row and column of anything malformed
     */
    public static List<Indicator> read(Path file) throws IOException {
        List<Indicator> out = new ArrayList<>();
        for (Map<String, String> r : Csv.readRecords(file)) {
            String code = r.get("code");
            try {
                Better better = Better.fromWire(r.get("better"));
                Map<Integer, Indicator.Target> targets = new LinkedHashMap<>();
                for (int year = Indicator.FIRST_YEAR + 1; year <= Indicator.LAST_YEAR; year++) {
                    targets.put(year, new Indicator.Target(year, r.get("target_" + year),
                            TargetRule.fromWire(r.get("rule_" + year))));
                }
                String baseline = r.get("baseline_2022");
                out.add(new Indicator(code, Integer.parseInt(r.get("number")), r.get("domain"), r.get("domain_slug"),
                        r.get("domain_en"), r.get("name_zh"), r.get("name_en"), r.get("unit_zh"), r.get("unit"), better,
                        r.get("lead_zh"), r.get("lead_en"), baseline, number(baseline), blankToNull(r.get("note")),
                        targets));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(file + ", indicator " + code + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** A printed figure as a number; null when it is not one (e.g. "-"). */
    static BigDecimal number(String printed) {
        try {
            return printed == null ? null : new BigDecimal(printed.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
