package cn.servicecircle.sample;

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
import java.util.Map;
import java.util.function.Function;

import org.locationtech.jts.geom.Geometry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
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
public class SampleLoader implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(SampleLoader.class);
    static final String LOADER_ACTOR = "geo-data loader";
    static final Actor LOADER = Actor.system(LOADER_ACTOR);
    static final String HAISHU = "330203";

    private final SampleProperties properties;
    private final AreaRepository areas;
    private final SiteService siteService;
    private final PopulationRepository population;
    private final DatasetLoadRepository loads;
    private final TransactionalOperator tx;

    public SampleLoader(SampleProperties properties, AreaRepository areas, SiteService siteService,
                        PopulationRepository population, DatasetLoadRepository loads,
                        ReactiveTransactionManager transactions) {
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

    /** Loads every dataset of the configured region in dependency order. */
    public Flux<DatasetResult> loadAll() {
        if ("heidelberg".equals(properties.region())) {
            return Flux.concat(
                    dataset("heidelberg/area", List.of("region-outline.geojson"), files -> regionOutlineRows()),
                    dataset("heidelberg/osm-sites", List.of("osm-sites.csv"), files -> siteRows("osm-sites.csv", "osm")),
                    dataset("heidelberg/population", List.of("population.proxy.synthetic.csv"),
                            files -> populationRows("population.proxy.synthetic.csv", 2022)));
        }
        return Flux.concat(
                dataset("haishu/areas", List.of("district-outline.gcj02.geojson", "units.csv",
                        "unit-polygons.synthetic.geojson"), files -> areaRows()),
                dataset("haishu/census2020", List.of("census2020.csv"), files -> censusRows()),
                dataset("haishu/osm-sites", List.of("osm-sites.csv"), files -> siteRows("osm-sites.csv", "osm")),
                dataset("haishu/synthetic-sites", List.of("synthetic-sites.csv"),
                        files -> siteRows("synthetic-sites.csv", "synthetic")),
                dataset("haishu/population", List.of("population.synthetic.csv"),
                        files -> populationRows("population.synthetic.csv", 2020)));
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

    private List<Mono<Long>> areaRows() {
        Geometry outlineGcj = SimpleGeoJson.readFeatures(readText("district-outline.gcj02.geojson")).get(0).geometry();
        Geometry outline = CoordTransforms.toWgs84(outlineGcj, CoordSys.GCJ02);
        Map<String, Geometry> unitShapes = new LinkedHashMap<>();
        for (SimpleGeoJson.Feature f : SimpleGeoJson.readFeatures(readText("unit-polygons.synthetic.geojson"))) {
            unitShapes.put(String.valueOf(f.properties().get("code")), f.geometry());
        }
        List<Mono<Long>> writes = new ArrayList<>();
        writes.add(areas.upsert(new Area(HAISHU, "海曙区", "Haishu District", "district", null, outline, "real")));
        for (Map<String, String> u : csv("units.csv")) {
            Geometry shape = unitShapes.get(u.get("code"));
            writes.add(areas.upsert(new Area(u.get("code"), u.get("name_zh"), u.get("name_en"), u.get("kind"), HAISHU,
                    shape, shape == null ? null : "synthetic")));
        }
        return writes;
    }

    /** A network-only region: one district whose outline was derived from the walking network. */
    private List<Mono<Long>> regionOutlineRows() {
        SimpleGeoJson.Feature f = SimpleGeoJson.readFeatures(readText("region-outline.geojson")).get(0);
        Map<String, Object> p = f.properties();
        return List.of(areas.upsert(new Area((String) p.get("code"), (String) p.get("name_zh"),
                (String) p.get("name_en"), "district", null, f.geometry(), "real")));
    }

    private List<Mono<Long>> censusRows() {
        List<Mono<Long>> writes = new ArrayList<>();
        for (Map<String, String> row : csv("census2020.csv")) {
            String code = row.get("code");
            row.forEach((column, value) -> {
                if (column.equals("code") || column.equals("name") || value == null) {
                    return;
                }
                String unit = column.equals("population") ? "persons"
                        : column.equals("household_size") ? "persons per household" : "fraction";
                writes.add(areas.upsertStatistic(code, column, new BigDecimal(value), unit, 2020,
                        "2020 census by county (NBS), via tudigong"));
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

    /** Synthetic population points of the region's folder; {@code year} is the year the counts stand for. */
    private List<Mono<Long>> populationRows(String file, int year) {
        List<Mono<Long>> writes = new ArrayList<>();
        for (Map<String, String> r : csv(file)) {
            writes.add(population.upsert(new PopulationPoint(r.get("cell_id"), Double.parseDouble(r.get("lon")),
                    Double.parseDouble(r.get("lat")), r.get("area_code"), Integer.parseInt(r.get("age_0_2")),
                    Integer.parseInt(r.get("age_3_5")), Integer.parseInt(r.get("age_6_14")),
                    Integer.parseInt(r.get("age_15_59")), Integer.parseInt(r.get("age_60_64")),
                    Integer.parseInt(r.get("age_65_plus")), "synthetic", year)));
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
