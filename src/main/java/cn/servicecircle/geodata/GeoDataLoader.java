package cn.servicecircle.geodata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.locationtech.jts.geom.Geometry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import cn.servicecircle.area.Area;
import cn.servicecircle.area.AreaRepository;
import cn.servicecircle.coord.CoordSys;
import cn.servicecircle.coord.CoordTransforms;
import cn.servicecircle.population.PopulationPoint;
import cn.servicecircle.population.PopulationRepository;
import cn.servicecircle.security.Actor;
import cn.servicecircle.site.SiteRows;
import cn.servicecircle.site.SiteService;
import cn.servicecircle.web.ApiException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Loads the region's geo-data into the database on start, before the service reports ready. Each dataset is one
 * transaction, recorded with its SHA-256: an unchanged file is skipped, a changed one re-applied idempotently
 * (areas and population upserted; sites inserted only when their external id is new, so edits made through the
 * API are never overwritten).
 */
@Component
@Order(0) // before the runners that read what it loads (reach.NetworkCoverageCheck reads the outline)
public class GeoDataLoader implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(GeoDataLoader.class);
    static final String LOADER_ACTOR = "geo-data loader";
    static final Actor LOADER = Actor.system(LOADER_ACTOR);

    private final GeoDataProperties properties;
    private final AreaRepository areas;
    private final SiteService siteService;
    private final PopulationRepository population;
    private final DatasetLoadRepository loads;
    private final TransactionalOperator tx;

    public GeoDataLoader(GeoDataProperties properties, AreaRepository areas, SiteService siteService,
                        PopulationRepository population, DatasetLoadRepository loads,
                        ReactiveTransactionManager transactions, Environment environment) {
        List<String> profiles = List.of(environment.getActiveProfiles());
        if (!profiles.contains(properties.region())) {
            // a region yaml copied from another region, or a profile that pulled in a second region's settings
            throw new IllegalStateException("sc.sample.region is " + properties.region() + " but the active profiles "
                    + "are " + profiles + ": the region's folder and its application-<region>.yaml must carry the "
                    + "profile's name");
        }
        for (String other : profiles) {
            if (!other.equals(properties.region()) && java.nio.file.Files.isDirectory(
                    Path.of(properties.dataDir()).resolve(other))) {
                throw new IllegalStateException("two regions are active (profiles " + profiles + "): one instance "
                        + "serves one region");
            }
        }
        this.properties = properties;
        this.areas = areas;
        this.siteService = siteService;
        this.population = population;
        this.loads = loads;
        this.tx = TransactionalOperator.create(transactions);
    }

    /** What one start did with one dataset. */
    public record DatasetResult(String dataset, boolean loaded, int rows, long written) {
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.load()) {
            log.info("Sample data loading is off (sc.sample.load=false)");
            return;
        }
        long started = System.nanoTime();
        List<DatasetResult> results = loadAll().collectList().block();
        PopulationRepository.Totals totals = population.totals().block();
        StringBuilder summary = new StringBuilder();
        for (DatasetResult r : results) {
            summary.append(String.format(" %s=%d rows (%s)", r.dataset(), r.rows(),
                    r.loaded() ? r.written() + " new/updated" : "unchanged, reused"));
        }
        log.info("Sample data for region {} from {}:{}; population points {} with {} residents; {} ms",
                properties.region(), dir(), summary, totals.points(), totals.residents(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Loads every dataset the region declares ({@code sc.sample.datasets}), in the declared order; one path for every
     * region. Indicator tables are left to the indicator loader.
     */
    public Flux<DatasetResult> loadAll() {
        return Flux.fromIterable(properties.datasets())
                .filter(d -> d.kind() != GeoDataProperties.Kind.INDICATORS)
                .concatMap(d -> dataset(properties.region() + "/" + d.name(), d.files(), files -> rows(d)));
    }

    /** A dataset's rows as deferred writes; each Mono emits how many rows it wrote. */
    private Mono<DatasetResult> dataset(String name, List<String> files,
                                        Function<List<Path>, List<Mono<Long>>> rows) {
        return Mono.fromCallable(() -> sha256(files.stream().map(f -> dir().resolve(f)).toList()))
                .flatMap(sha -> loads.find(name).defaultIfEmpty(new DatasetLoadRepository.Recorded("", 0))
                        .flatMap(previous -> {
                    if (previous.sha256().equals(sha)) {
                        return Mono.just(new DatasetResult(name, false, previous.rowCount(), 0));
                    }
                    List<Mono<Long>> writes = rows.apply(files.stream().map(f -> dir().resolve(f)).toList());
                    return Flux.concat(writes).reduce(0L, Long::sum)
                            .flatMap(written -> loads.record(name, sha, writes.size()).thenReturn(written))
                            .as(tx::transactional)
                            .map(written -> new DatasetResult(name, true, writes.size(), written));
                }));
    }

    private List<Mono<Long>> rows(GeoDataProperties.Dataset d) {
        List<String> f = d.files();
        return switch (d.kind()) {
            case AREAS -> areaRows(d);
            case STATISTICS -> censusRows(f.get(0), required(d, d.year(), "year"), required(d, d.source(), "source"));
            case SITES -> siteRows(f.get(0), required(d, d.source(), "source"));
            case POPULATION -> populationRows(f.get(0), required(d, d.year(), "year"), required(d, d.source(), "source"));
            case INDICATORS -> List.of();
        };
    }

    private static <T> T required(GeoDataProperties.Dataset d, T value, String key) {
        if (value == null) {
            throw new IllegalStateException("dataset " + d.name() + " (" + d.kind().name().toLowerCase(Locale.ROOT)
                    + ") needs '" + key + "' in sc.sample.datasets");
        }
        return value;
    }

    /**
     * The region (kind district, its outline) and, when declared, its units with their polygons. A file is
     * synthetic when its name says so (the manifest's rule), else real.
     */
    private List<Mono<Long>> areaRows(GeoDataProperties.Dataset d) {
        List<String> files = d.files();
        SimpleGeoJson.Feature feature = SimpleGeoJson.readFeatures(readText(files.get(0))).get(0);
        Geometry outline = CoordTransforms.toWgs84(feature.geometry(), CoordSys.parse(d.coordSys()));
        Map<String, Object> p = feature.properties();
        String code = d.code() != null ? d.code() : areaProperty(d, p, "code");
        List<Mono<Long>> writes = new ArrayList<>();
        writes.add(areas.upsert(new Area(code, d.nameZh() != null ? d.nameZh() : areaProperty(d, p, "name_zh"),
                d.nameEn() != null ? d.nameEn() : areaProperty(d, p, "name_en"), "district", null, outline,
                geometrySource(files.get(0)))));
        if (files.size() < 2) {
            return writes;
        }
        Map<String, Geometry> unitShapes = new LinkedHashMap<>();
        if (files.size() > 2) {
            for (SimpleGeoJson.Feature f : SimpleGeoJson.readFeatures(readText(files.get(2)))) {
                unitShapes.put(String.valueOf(f.properties().get("code")), f.geometry());
            }
        }
        String shapeSource = files.size() > 2 ? geometrySource(files.get(2)) : null;
        for (Map<String, String> u : csv(files.get(1))) {
            Geometry shape = unitShapes.get(u.get("code"));
            writes.add(areas.upsert(new Area(u.get("code"), u.get("name_zh"), u.get("name_en"), u.get("kind"), code,
                    shape, shape == null ? null : shapeSource)));
        }
        return writes;
    }

    private static String areaProperty(GeoDataProperties.Dataset d, Map<String, Object> properties, String key) {
        Object v = properties.get(key);
        if (v == null || v.toString().isBlank()) {
            throw new IllegalStateException("dataset " + d.name() + ": the outline feature has no '" + key
                    + "' property and sc.sample.datasets does not set it");
        }
        return v.toString();
    }

    private static String geometrySource(String file) {
        return file.contains("synthetic") ? "synthetic" : "real";
    }

    private List<Mono<Long>> censusRows(String file, int year, String source) {
        List<Mono<Long>> writes = new ArrayList<>();
        for (Map<String, String> row : csv(file)) {
            String code = row.get("code");
            row.forEach((column, value) -> {
                if (column.equals("code") || column.equals("name") || value == null) {
                    return;
                }
                String unit = column.equals("population") ? "persons"
                        : column.equals("household_size") ? "persons per household" : "fraction";
                writes.add(areas.upsertStatistic(code, column, new BigDecimal(value), unit, year, source));
            });
        }
        return writes;
    }

    /**
     * Sites of a geo-data file, each through the API's write path ({@link SiteService#load}: {@code SiteInputParser},
     * placement and scope as the {@value #LOADER_ACTOR}), so a file cannot store what an edit would refuse.
     */
    private List<Mono<Long>> siteRows(String file, String source) {
        List<Mono<Long>> writes = new ArrayList<>();
        for (Map<String, String> r : csv(file)) {
            Map<String, String> row = new LinkedHashMap<>(r);
            Integer osmCapacity = integer(r.get("capacity"));
            if (osmCapacity != null) {
                // OSM capacity=* counts places: children in schools/childcare, beds in nursing homes
                row.put("nursing_home".equals(r.get("subtype")) ? "beds" : "slots", osmCapacity.toString());
            }
            writes.add(siteService.load(SiteRows.toBody(row), source, LOADER,
                            "Loaded from geo-data/" + properties.region() + "/" + file)
                    .onErrorMap(ApiException.class, e -> new IllegalStateException(file + ", site "
                            + r.get("external_id") + ": " + e.code() + " " + e.getMessage() + " " + e.errors(), e)));
        }
        return writes;
    }

    /** Population points of the region's folder; {@code year} is the year the counts stand for. */
    private List<Mono<Long>> populationRows(String file, int year, String source) {
        List<Mono<Long>> writes = new ArrayList<>();
        for (Map<String, String> r : csv(file)) {
            writes.add(population.upsert(new PopulationPoint(r.get("cell_id"), Double.parseDouble(r.get("lon")),
                    Double.parseDouble(r.get("lat")), r.get("area_code"), Integer.parseInt(r.get("age_0_2")),
                    Integer.parseInt(r.get("age_3_5")), Integer.parseInt(r.get("age_6_14")),
                    Integer.parseInt(r.get("age_15_59")), Integer.parseInt(r.get("age_60_64")),
                    Integer.parseInt(r.get("age_65_plus")), source, year)));
        }
        return writes;
    }

    private Path dir() {
        return Path.of(properties.dataDir()).resolve(properties.region());
    }

    /** Rows keyed by header; empty cells become null. */
    private List<Map<String, String>> csv(String file) {
        try {
            List<Map<String, String>> rows = new ArrayList<>();
            for (Map<String, String> r : Csv.readRecords(dir().resolve(file))) {
                Map<String, String> m = new LinkedHashMap<>();
                r.forEach((k, v) -> m.put(k, v == null || v.isEmpty() ? null : v));
                rows.add(m);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read geo-data file " + dir().resolve(file).toAbsolutePath(), e);
        }
    }

    private String readText(String file) {
        return read(dir().resolve(file));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read geo-data file " + p.toAbsolutePath(), e);
        }
    }

    private static Integer integer(String s) {
        return s == null ? null : Integer.valueOf(s.trim());
    }

    static String sha256(List<Path> files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path f : files) {
                md.update(Files.readAllBytes(f));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read geo-data file", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
