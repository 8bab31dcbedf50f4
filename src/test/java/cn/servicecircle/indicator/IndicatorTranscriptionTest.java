package cn.servicecircle.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import cn.servicecircle.geodata.Csv;

/**
 * geo-data/haishu/indicators.csv against the plan itself: the table's cells in the seed, in order, must be exactly
 * those the file gives (domain when it starts, number, name, baseline, five targets), so a typo, a swapped cell or
 * a row in the wrong domain fails; and every machine rule must be what {@link TargetRule#parse} reads from the
 * printed target.
 */
class IndicatorTranscriptionTest {
    static final Path FILE = Path.of("geo-data/haishu/indicators.csv");
    /** The plan: -Dplan.seed, else ../shared beside the checkout (as CI lays it out), else /work/shared. */
    static final Path SEED = Path.of(System.getProperty("plan.seed",
            Files.isDirectory(Path.of("../shared/seed")) ? "../shared/seed/000_884a96158c1703ec.txt"
                    : "/work/shared/seed/000_884a96158c1703ec.txt"));
    /** The table's title line (表, a no-break space and a space, then this). */
    static final String TABLE_TITLE = "宁波市海曙区公共服务“七优享”五年目标";
    static final List<String> HEADER = List.of("领域", "序号", "指标", "2022年", "2023年", "2024年", "2025年", "2026年",
            "2027年");

    /** The table's non-empty lines after its header, up to the next section. */
    static List<String> seedCells() throws IOException {
        assumeTrue(Files.isRegularFile(SEED), "plan seed absent at " + SEED + " (set -Dplan.seed=...)");
        List<String> lines = Files.readAllLines(SEED, StandardCharsets.UTF_8);
        int start = -1;
        for (int i = 0; i < lines.size() && start < 0; i++) {
            if (lines.get(i).startsWith("表") && lines.get(i).endsWith(TABLE_TITLE)) {
                start = i;
            }
        }
        assertThat(start).as("table title in the seed").isNotNegative();
        List<String> cells = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("二、")) {
                break;
            }
            if (!line.isBlank()) {
                cells.add(line.strip());
            }
        }
        assertThat(cells.subList(0, HEADER.size())).isEqualTo(HEADER);
        return cells.subList(HEADER.size(), cells.size());
    }

    @Test
    void theFileGivesTheSeedTablesCellsInOrder() throws IOException {
        List<String> expected = new ArrayList<>();
        String domain = null;
        for (Map<String, String> r : Csv.readRecords(FILE)) {
            if (!r.get("domain").equals(domain)) {
                domain = r.get("domain");
                expected.add(domain);
            }
            expected.add(r.get("number"));
            expected.add(r.get("name_zh"));
            expected.add(r.get("baseline_2022"));
            for (int year = 2023; year <= 2027; year++) {
                expected.add(r.get("target_" + year));
            }
        }
        assertThat(expected).isEqualTo(seedCells());
    }

    @Test
    void twentyTwoIndicatorsInSevenDomainsWithStableCodes() throws IOException {
        List<Indicator> indicators = IndicatorCsv.read(FILE);
        assertThat(indicators).hasSize(22);
        Set<String> domains = new LinkedHashSet<>();
        for (int n = 1; n <= 22; n++) {
            Indicator i = indicators.get(n - 1);
            assertThat(i.number()).isEqualTo(n);
            assertThat(i.code()).matches("%02d-[a-z0-9-]+".formatted(n));
            assertThat(i.targets().keySet()).containsExactlyInAnyOrder(2023, 2024, 2025, 2026, 2027);
            domains.add(i.domain());
        }
        assertThat(domains).containsExactly("幼有善育", "学有优教", "劳有所得", "病有良医", "老有康养", "住有宜居", "弱有众扶");
        assertThat(indicators.stream().map(Indicator::code).distinct()).hasSize(22);
        for (ComputedIndicator c : ComputedIndicator.values()) {
            assertThat(indicators).as("computed indicator %s is in the file", c).anyMatch(i -> i.code().equals(c.code()));
        }
    }

    @Test
    void everyRuleIsTheReadingOfItsPrintedTarget() throws IOException {
        for (Indicator i : IndicatorCsv.read(FILE)) {
            for (Indicator.Target t : i.targets().values()) {
                assertThat(t.rule()).as("%s %d: '%s'", i.code(), t.year(), t.text())
                        .isEqualTo(TargetRule.parse(t.text(), i.better()));
                assertThat(t.rule().kind()).as("%s %d has a machine form", i.code(), t.year())
                        .isNotIn(TargetRule.Kind.TEXT, TargetRule.Kind.NONE);
            }
            // the printed baseline is a number, or "-" where the plan gives none (nos. 10 and 11)
            assertThat(i.baselineValue() == null).as(i.code()).isEqualTo(i.baselineText().equals("-"));
        }
    }

    @Test
    void theSeedIsTheFileTheManifestNames() throws IOException {
        seedCells();
        String manifest = Files.readString(Path.of("geo-data/manifest.csv"), StandardCharsets.UTF_8);
        assertThat(manifest).contains("haishu/indicators.csv,real,").contains("000_884a96158c1703ec.txt");
    }
}
