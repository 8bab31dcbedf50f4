package cn.servicecircle.reach.graphhopper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import cn.servicecircle.population.WayLengthProxy;
import cn.servicecircle.reach.core.WalkGraph;

/**
 * Writes a synthetic population proxy for a network-only region (see {@link WayLengthProxy}) in the population
 * CSV format the loader reads. Usage: {@code PopulationProxyExport <pbf> <cacheDir> <out.csv> <areaCode>}.
 * Heidelberg: 250 m cells, 160,000 residents, German age shares (see geo-data/heidelberg/README.md).
 */
public final class PopulationProxyExport {
    /** Grid cell side, metres. */
    public static final double CELL_METERS = 250;
    /** Residents spread over the cells: the order of Heidelberg's population (an assumption, see the README). */
    public static final int RESIDENTS = 160_000;
    /**
     * Germany's age structure, rounded (assumption from Destatis' published 2022 structure: about 3 % aged 0–2,
     * 3 % 3–5, 8 % 6–14, 56 % 15–59, 8 % 60–64, 22 % 65+).
     */
    public static final WayLengthProxy.AgeShares SHARES = new WayLengthProxy.AgeShares(0.03, 0.03, 0.08, 0.56, 0.08, 0.22);

    private PopulationProxyExport() {
    }

    /** @return the CSV text (header + one row per cell) */
    public static String csv(WalkGraph graph, String areaCode) {
        return csv(WayLengthProxy.of(graph, CELL_METERS, RESIDENTS, SHARES), areaCode);
    }

    /** @return the CSV text of the cells (header + one row per cell), all in one area */
    public static String csv(List<WayLengthProxy.ProxyCell> cells, String areaCode) {
        StringBuilder out = new StringBuilder("cell_id,lon,lat,area_code,age_0_2,age_3_5,age_6_14,age_15_59,age_60_64,"
                + "age_65_plus\n");
        for (WayLengthProxy.ProxyCell c : cells) {
            int[] b = c.bands();
            out.append(String.format(Locale.ROOT, "%s,%.6f,%.6f,%s,%d,%d,%d,%d,%d,%d%n", c.id(), c.lon(), c.lat(),
                    areaCode, b[0], b[1], b[2], b[3], b[4], b[5]));
        }
        return out.toString();
    }

    public static void main(String[] args) throws IOException {
        WalkGraph graph = GraphHopperWalkGraphLoader.load(Path.of(args[0]), Path.of(args[1]));
        Files.writeString(Path.of(args[2]), csv(graph, args[3]), StandardCharsets.UTF_8);
    }
}
