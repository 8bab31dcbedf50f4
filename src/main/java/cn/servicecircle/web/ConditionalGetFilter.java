package cn.servicecircle.web;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.reactivestreams.Publisher;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * HTTP caching for every successful GET of the API and its docs: an ETag on each answer (the handler's own, such as a
 * site's version, or else a weak one from a hash of the body, so lists, areas, coverage keyed by the index generation
 * and tiles all get one), {@code If-None-Match} answered with 304 and no body, and a {@code Cache-Control} fitting
 * the resource when the handler set none. Event streams pass through untouched. Error answers never come here (the
 * problem handler writes them), so they carry neither.
 */
@Component
public class ConditionalGetFilter implements WebFilter, Ordered {

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpMethod method = exchange.getRequest().getMethod();
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if ((method != HttpMethod.GET && method != HttpMethod.HEAD) || !cached(path)) {
            return chain.filter(exchange);
        }
        boolean authorized = exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
        String ifNoneMatch = exchange.getRequest().getHeaders().getFirst(HttpHeaders.IF_NONE_MATCH);
        ServerHttpResponse response = exchange.getResponse();
        ServerHttpResponseDecorator decorated = new ServerHttpResponseDecorator(response) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                HttpHeaders headers = getDelegate().getHeaders();
                if (!HttpStatus.OK.equals(getStatusCode()) && getStatusCode() != null
                        || MediaType.TEXT_EVENT_STREAM.isCompatibleWith(headers.getContentType())) {
                    return super.writeWith(body);
                }
                if (!headers.containsHeader(HttpHeaders.CACHE_CONTROL)) {
                    headers.setCacheControl(cacheControl(path, authorized));
                }
                if (!headers.containsHeader(HttpHeaders.VARY)) {
                    headers.set(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
                }
                return DataBufferUtils.join(Flux.from(body)).flatMap(joined -> tagged(headers, joined)).flatMap(joined -> {
                    String etag = headers.getETag();
                    if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
                        DataBufferUtils.release(joined);
                        getDelegate().setStatusCode(HttpStatus.NOT_MODIFIED);
                        headers.remove(HttpHeaders.CONTENT_LENGTH);
                        headers.remove(HttpHeaders.CONTENT_TYPE);
                        return getDelegate().setComplete();
                    }
                    return getDelegate().writeWith(Mono.just(joined));
                });
            }
        };
        return chain.filter(exchange.mutate().response(decorated).build());
    }

    /** Bodies up to this size are hashed where they are written; larger ones (population GeoJSON) off the event loop. */
    static final int HASH_INLINE_BYTES = 256 * 1024;

    /** Sets a weak ETag from the body unless the handler set one; emits the same buffer. */
    private static Mono<DataBuffer> tagged(HttpHeaders headers, DataBuffer body) {
        if (headers.getETag() != null) {
            return Mono.just(body);
        }
        if (body.readableByteCount() <= HASH_INLINE_BYTES) {
            headers.setETag(weakTag(body));
            return Mono.just(body);
        }
        return Mono.fromCallable(() -> {
            headers.setETag(weakTag(body));
            return body;
        }).subscribeOn(reactor.core.scheduler.Schedulers.parallel());
    }

    /** The API, its contract and its pages; not the actuator (health must never come from a cache). */
    static boolean cached(String path) {
        return path.startsWith("/v1/") || path.equals("/openapi.yaml") || path.equals("/v3/api-docs")
                || path.startsWith("/docs/") || path.startsWith("/map/");
    }

    /**
     * How long a cache may reuse an answer without asking. Reference data changes rarely; a resident's reach answer
     * may be a few seconds old; everything else is revalidated each time (a 304 costs a few bytes). Answers to a
     * request with credentials are private.
     */
    static String cacheControl(String path, boolean authorized) {
        if (authorized) {
            return "private, no-cache";
        }
        if (path.startsWith("/v1/site-types") || path.startsWith("/v1/areas")) {
            return "public, max-age=3600";
        }
        if (path.startsWith("/v1/tiles/")) {
            return "public, max-age=60";
        }
        if (path.startsWith("/v1/nearby") || path.startsWith("/v1/reach")) {
            return "public, max-age=10";
        }
        return "no-cache";
    }

    /** W/"…": the first 128 bits of the body's SHA-256, base64url (weak: the bytes on the wire may be gzipped). */
    static String weakTag(DataBuffer body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (DataBuffer.ByteBufferIterator it = body.readableByteBuffers()) {
                it.forEachRemaining(sha::update);
            }
            byte[] digest = sha.digest();
            return "W/\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16))
                    + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 9110 §13.1.2: weak comparison against each listed tag, or {@code *}. */
    static boolean matches(String ifNoneMatch, String etag) {
        String ours = opaque(etag);
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || opaque(c).equals(ours)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
