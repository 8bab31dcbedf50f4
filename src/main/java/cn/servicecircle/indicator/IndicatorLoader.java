package cn.servicecircle.indicator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import cn.servicecircle.geodata.DatasetLoadRepository;
import cn.servicecircle.geodata.GeoDataProperties;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Loads the plan's indicator definitions on start from the file the region declares as its dataset of kind
 * {@code indicators} (geo-data/haishu: {@code indicators.csv}), like the other geo-data: one transaction, recorded with
 * the file's SHA-256 in {@code dataset_load}, skipped when unchanged, upserted by code when changed (a corrected
 * transcription replaces the old one; reported values stay). A region that declares none has no indicators.
 */
@Component
public class IndicatorLoader implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(IndicatorLoader.class);

    private final GeoDataProperties properties;
    private final IndicatorRepository indicators;
    private final DatasetLoadRepository loads;
    private final TransactionalOperator tx;

    public IndicatorLoader(GeoDataProperties properties, IndicatorRepository indicators, DatasetLoadRepository loads,
                           ReactiveTransactionManager transactions) {
        this.properties = properties;
        this.indicators = indicators;
        this.loads = loads;
        this.tx = TransactionalOperator.create(transactions);
    }

    /**
     * What one load did.
     *
     * @param loaded false when the file was unchanged (or absent) and nothing was written
     * @param rows   indicators in the file (0 when absent)
     */
    public record Result(String dataset, boolean loaded, int rows) {
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.load()) {
            return; // sc.sample.load=false: the operator manages the data; GeoDataLoader logs that
        }
        Result r = load().block();
        log.info("Indicators for region {}: {}", properties.region(), declared().isEmpty()
                ? "none (no dataset of kind indicators)"
                : r.rows() + " " + (r.loaded() ? "loaded from " + file() : "unchanged, reused"));
    }

    /** Loads the file if it changed since the last load; emits the result. */
    public Mono<Result> load() {
        Optional<GeoDataProperties.Dataset> declared = declared();
        if (declared.isEmpty()) {
            return Mono.just(new Result(properties.region() + "/indicators", false, 0));
        }
        String dataset = properties.region() + "/" + declared.get().name();
        Path file = file();
        return Mono.fromCallable(() -> Files.exists(file)).flatMap(exists -> {
            if (!exists) {
                return Mono.error(new IllegalStateException("Indicator file " + file.toAbsolutePath() + " is missing"));
            }
            return Mono.fromCallable(() -> read(file)).flatMap(read -> loads.find(dataset)
                    .map(DatasetLoadRepository.Recorded::sha256).defaultIfEmpty("").flatMap(previous -> {
                        if (previous.equals(read.sha256())) {
                            return Mono.just(new Result(dataset, false, read.indicators().size()));
                        }
                        return Flux.fromIterable(read.indicators()).concatMap(indicators::upsert).then(
                                        loads.record(dataset, read.sha256(), read.indicators().size()))
                                .as(tx::transactional)
                                .thenReturn(new Result(dataset, true, read.indicators().size()));
                    }));
        });
    }

    private record Read(String sha256, List<Indicator> indicators) {
    }

    private static Read read(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            return new Read(sha, IndicatorCsv.read(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read geo-data file " + file.toAbsolutePath(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<GeoDataProperties.Dataset> declared() {
        return properties.first(GeoDataProperties.Kind.INDICATORS);
    }

    private Path file() {
        return Path.of(properties.dataDir()).resolve(properties.region()).resolve(declared().orElseThrow().files().get(0));
    }
}
