package cn.servicecircle.population;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.servicecircle.coord.CoordSys;
import cn.servicecircle.web.ApiException;
import cn.servicecircle.web.CoordParams;
import cn.servicecircle.web.FieldProblem;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/population/import}: population points from a CSV or GeoJSON file (token needed; see
 * {@link PopulationImportParser} and {@link PopulationImportService} for the rules).
 *
 * <p>Contract: the body is read here rather than by a codec, up to {@code sc.population.import-max-bytes} (more:
 * 413 PAYLOAD_TOO_LARGE), so this endpoint alone may exceed the 64 KiB of {@code spring.http.codecs}. The body is
 * UTF-8 (else 400 INVALID_ENCODING); parsing runs on the parallel scheduler, never the event loop. Content types:
 * {@code text/csv}, {@code application/geo+json}, {@code application/json}; any other is 415.
 */
@RestController
public class PopulationImportController {
    private static final MediaType CSV = MediaType.valueOf("text/csv");
    private static final MediaType GEO_JSON = MediaType.valueOf("application/geo+json");

    private final PopulationImportService service;
    private final JsonMapper json;
    private final int maxBytes;
    private final Clock clock;

    public PopulationImportController(PopulationImportService service, JsonMapper json,
                                      @Value("${sc.population.import-max-bytes:4MB}") DataSize maxBytes) {
        this.service = service;
        this.json = json;
        this.maxBytes = (int) Math.min(Integer.MAX_VALUE, maxBytes.toBytes());
        this.clock = Clock.systemUTC();
    }

    @PostMapping("/v1/population/import")
    public Mono<PopulationImportService.Result> importPoints(ServerHttpRequest request,
                                                            @RequestParam(required = false) String coordSys,
                                                            @RequestParam(required = false) String dryRun,
                                                            @RequestParam(required = false) String mode,
                                                            @RequestParam(required = false) String asOfYear) {
        List<FieldProblem> problems = new ArrayList<>();
        CoordSys sys = CoordSys.WGS84;
        try {
            sys = CoordParams.coordSys(coordSys);
        } catch (ApiException e) {
            problems.addAll(e.errors());
        }
        boolean dry = false;
        if (dryRun != null && !dryRun.equals("false")) {
            if (dryRun.equals("true")) {
                dry = true;
            } else {
                problems.add(new FieldProblem("dryRun", "INVALID_PARAMETER", "dryRun is true or false"));
            }
        }
        if (mode != null && !mode.equals("upsert")) {
            problems.add(new FieldProblem("mode", "INVALID_PARAMETER", "mode is 'upsert' (the only mode so far)"));
        }
        int year = Year.now(clock).getValue();
        if (asOfYear != null) {
            try {
                year = Integer.parseInt(asOfYear);
            } catch (NumberFormatException e) {
                year = -1;
            }
            if (year < 1950 || year > 2100) {
                problems.add(new FieldProblem("asOfYear", "INVALID_PARAMETER", "asOfYear is a year 1950–2100"));
            }
        }
        MediaType type = request.getHeaders().getContentType();
        boolean csv = type != null && type.isCompatibleWith(CSV);
        boolean geo = type != null && (type.isCompatibleWith(GEO_JSON) || type.isCompatibleWith(MediaType.APPLICATION_JSON));
        if (type == null || !(csv || geo) || type.getCharset() != null && !type.getCharset().equals(StandardCharsets.UTF_8)) {
            return Mono.error(new ApiException(415, "UNSUPPORTED_MEDIA_TYPE",
                    "Send text/csv, application/geo+json or application/json, in UTF-8"));
        }
        if (!problems.isEmpty()) {
            return Mono.error(ApiException.validation(problems));
        }
        CoordSys system = sys;
        boolean isDry = dry;
        int y = year;
        return DataBufferUtils.join(request.getBody(), maxBytes).map(PopulationImportController::bytes)
                .defaultIfEmpty(new byte[0])
                .publishOn(Schedulers.parallel())
                .map(bytes -> csv ? PopulationImportParser.csv(utf8(bytes), system)
                        : PopulationImportParser.geoJson(readJson(bytes), system))
                .flatMap(parsed -> service.run(parsed, system.code(), y, isDry));
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] out = new byte[buffer.readableByteCount()];
            buffer.read(out);
            return out;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badField("body", "INVALID_ENCODING", "The body is not valid UTF-8");
        }
    }

    private JsonNode readJson(byte[] bytes) {
        if (bytes.length == 0) {
            throw ApiException.badField("body", "EMPTY_IMPORT", "The body is empty");
        }
        try {
            return json.readTree(bytes);
        } catch (StreamReadException e) {
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate Object property")) {
                throw e; // rendered as 400 DUPLICATE_KEY naming the key
            }
            throw new ApiException(400, "MALFORMED_JSON", "The body is not valid JSON");
        } catch (JacksonException e) {
            throw new ApiException(400, "MALFORMED_JSON", "The body is not valid JSON");
        }
    }
}
