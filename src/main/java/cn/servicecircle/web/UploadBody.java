package cn.servicecircle.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;

import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of a file upload (imports): read by the endpoint itself up to its own limit (more: 413
 * PAYLOAD_TOO_LARGE through the codec's limit exception), as CSV or (Geo)JSON in UTF-8.
 */
public final class UploadBody {
    private static final MediaType CSV = MediaType.valueOf("text/csv");
    private static final MediaType GEO_JSON = MediaType.valueOf("application/geo+json");

    private UploadBody() {
    }

    /**
     * @return true for text/csv, false for application/geo+json or application/json
     * @throws ApiException 415 UNSUPPORTED_MEDIA_TYPE for any other type or a charset other than UTF-8
     */
    public static boolean isCsv(MediaType type) {
        boolean csv = type != null && type.isCompatibleWith(CSV);
        boolean geo = type != null && (type.isCompatibleWith(GEO_JSON) || type.isCompatibleWith(MediaType.APPLICATION_JSON));
        if (type == null || !(csv || geo) || type.getCharset() != null && !type.getCharset().equals(StandardCharsets.UTF_8)) {
            throw new ApiException(415, "UNSUPPORTED_MEDIA_TYPE",
                    "Send text/csv, application/geo+json or application/json, in UTF-8");
        }
        return csv;
    }

    /** The whole body, at most {@code maxBytes}; empty bodies are an empty array. */
    public static Mono<byte[]> read(ServerHttpRequest request, int maxBytes) {
        return DataBufferUtils.join(request.getBody(), maxBytes).map(UploadBody::bytes).defaultIfEmpty(new byte[0]);
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

    /** @throws ApiException 400 INVALID_ENCODING when not UTF-8 */
    public static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badField("body", "INVALID_ENCODING", "The body is not valid UTF-8");
        }
    }

    /** @throws ApiException 400 EMPTY_IMPORT, MALFORMED_JSON; a key twice is rethrown for 400 DUPLICATE_KEY */
    public static JsonNode json(JsonMapper json, byte[] bytes) {
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
