package cn.servicecircle.geodata;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;

/**
 * The region this instance serves and the geo-data it loads on start. A region is a folder
 * {@code <dataDir>/<region>/} holding its files and {@code application-<region>.yaml}, which sets these keys
 * (see docs/adr/0010-regions-by-configuration.md). Binding fails, naming every missing piece, when the region has
 * no folder, declares no datasets, or declares a file that is not in its folder: a region never loads another
 * region's data.
 *
 * @param load     whether to load at all (false: the operator manages the database; datasets are not checked)
 * @param dataDir  folder holding the region folders (relative to the working directory or absolute)
 * @param region   region folder name, lower case ({@code [a-z][a-z0-9_-]*}); set by the region's own yaml, never
 *                 defaulted, so a profile without a region folder fails at start
 * @param datasets what to load, in this order (areas first: sites are placed in them); empty only when
 *                 {@code load} is false
 */
@Validated
@ConfigurationProperties("sc.sample")
public record GeoDataProperties(boolean load, @NotBlank String dataDir,
                               @NotBlank(message = "no region is configured: SC_REGION (the active profile) must name "
                                       + "a folder <data-dir>/<region>/ whose application-<region>.yaml sets "
                                       + "sc.sample.region; bin/region new <region> <file.pbf> makes one")
                               String region,
                               List<Dataset> datasets) {

    /** A region folder name: also a profile name, a database name suffix and a dataset-name prefix. */
    public static final String REGION_NAME = "[a-z][a-z0-9_-]{0,39}";

    public GeoDataProperties {
        datasets = datasets == null ? List.of() : List.copyOf(datasets);
        if (region != null && !region.isBlank()) {
            if (!region.matches(REGION_NAME)) {
                throw new IllegalArgumentException("sc.sample.region '" + region + "' is not a region folder name ("
                        + REGION_NAME + ")");
            }
            if (load && dataDir != null) {
                List<String> missing = missing(Path.of(dataDir).resolve(region), datasets);
                if (!missing.isEmpty()) {
                    throw new IllegalArgumentException("region " + region + " cannot be loaded: "
                            + String.join("; ", missing));
                }
            }
        }
    }

    /** What the region folder lacks for its datasets; empty when everything is there. */
    static List<String> missing(Path folder, List<Dataset> datasets) {
        List<String> missing = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            missing.add("no region folder " + folder.toAbsolutePath().normalize()
                    + " (bin/region new <region> <file.pbf> makes one)");
            return missing;
        }
        if (datasets.isEmpty()) {
            missing.add("sc.sample.datasets is empty (at least the region's outline, kind areas, is needed)");
        }
        if (datasets.stream().noneMatch(d -> d.kind() == Kind.AREAS)) {
            missing.add("no dataset of kind areas (the region's outline)");
        }
        for (Dataset d : datasets) {
            boolean needsYear = d.kind() == Kind.STATISTICS || d.kind() == Kind.POPULATION;
            if (needsYear && d.year() == null) {
                missing.add("dataset " + d.name() + ": 'year' is required for kind " + d.kind());
            }
            if ((needsYear || d.kind() == Kind.SITES) && (d.source() == null || d.source().isBlank())) {
                missing.add("dataset " + d.name() + ": 'source' is required for kind " + d.kind());
            }
            for (String f : d.files()) {
                Path p = Path.of(f);
                if (p.isAbsolute() || p.normalize().getNameCount() != 1 || f.contains("..")) {
                    missing.add("dataset " + d.name() + ": " + f + " is not a plain file name in the region folder");
                } else if (!Files.isRegularFile(folder.resolve(f))) {
                    missing.add("dataset " + d.name() + ": no file " + folder.resolve(f).toAbsolutePath().normalize());
                }
            }
        }
        return missing;
    }

    /** @return the first dataset of a kind, if the region declares one */
    public java.util.Optional<Dataset> first(Kind kind) {
        return datasets.stream().filter(d -> d.kind() == kind).findFirst();
    }

    /** What a dataset holds and how its files are read. */
    public enum Kind {
        /**
         * Files: the region outline (GeoJSON, one feature), optionally a units CSV ({@code code,name_zh,name_en,kind})
         * and then optionally the units' polygons (GeoJSON features with property {@code code}).
         */
        AREAS,
        /** Files: one CSV of area statistics ({@code code,name,<statistic>...}); {@code source} and {@code year}. */
        STATISTICS,
        /** Files: one sites CSV (the OSM export's or the synthetic columns); {@code source}: osm | synthetic. */
        SITES,
        /** Files: one population CSV (cell_id,lon,lat,area_code,age bands); {@code source}, {@code year}. */
        POPULATION,
        /** Files: the plan's indicator table (indicators.csv format); read by the indicator loader. */
        INDICATORS
    }

    /**
     * One dataset of the region: loaded in one transaction and recorded as {@code <region>/<name>} with the SHA-256
     * of its files (in order), so an unchanged dataset is skipped on the next start.
     *
     * @param name     dataset name within the region, e.g. {@code osm-sites}
     * @param kind     how the files are read
     * @param files    file names in the region folder (no paths), in the order {@link Kind} gives
     * @param source   sites and population: the source label stored with each row (sites: osm | synthetic;
     *                 population: census | synthetic); statistics: the citation stored with each value
     * @param year     statistics and population: the year the figures stand for
     * @param coordSys areas: the outline's coordinates, wgs84 (default) or gcj02 (converted at load)
     * @param code     areas: the region's area code; null = the outline feature's {@code code} property
     * @param nameZh   areas: the region's Chinese name; null = the feature's {@code name_zh}
     * @param nameEn   areas: the region's English name; null = the feature's {@code name_en}
     */
    public record Dataset(@NotBlank String name, Kind kind, List<String> files, String source, Integer year,
                          String coordSys, String code, String nameZh, String nameEn) {
        public Dataset {
            if (kind == null) {
                throw new IllegalArgumentException("dataset " + name + ": kind is required (one of "
                        + java.util.Arrays.toString(Kind.values()).toLowerCase(Locale.ROOT) + ")");
            }
            files = files == null ? List.of() : List.copyOf(files);
            if (files.isEmpty()) {
                throw new IllegalArgumentException("dataset " + name + ": files is empty");
            }
        }
    }
}
