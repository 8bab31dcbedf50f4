package cn.servicecircle.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ResponseStatusException;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * One connection's guard, placed right after Netty's HTTP codec (and a byte watcher right before it). Runs only
 * on the connection's event loop, so its fields need no locking; it never blocks.
 * <p>
 * Contract:
 * <ul>
 * <li>a request the codec could not decode is answered here: 414 URI_TOO_LONG, 431 HEADERS_TOO_LARGE or 400
 *     MALFORMED_REQUEST; so is a version other than HTTP/1.1 and HTTP/1.0 (400 MALFORMED_REQUEST, with an
 *     HTTP/1.1 status line); a request target that is not ASCII or that {@link URI} cannot parse gets 400
 *     INVALID_URI; all as problem+json with {@code Connection: close}, and Spring never sees these requests. Behind
 *     requests still being answered (pipelined) the answer waits until theirs are written, so answers keep their
 *     order; nothing after the refused request is read;</li>
 * <li>a request body the codec cannot decode (a broken chunk) ends the connection: when its request has not been
 *     answered yet it gets 400 MALFORMED_REQUEST from here and whatever Spring writes for it later is dropped
 *     (it would be a second answer); when it has been (a 401 before the body) the connection just closes;</li>
 * <li>headers not complete within the header timeout, or a body not complete within the body timeout, get 408
 *     REQUEST_TIMEOUT (a body cut during shutdown gets 503 SHUTTING_DOWN), pipelined requests included, once
 *     the answers due before it are out; an idle kept-alive connection is closed silently after the idle
 *     timeout; a request being served has no deadline here (graceful shutdown waits for it);</li>
 * <li>every response gets the security headers and loses any {@code Server} header; an error response that
 *     would leave with an empty body and no content type gets a problem+json body (a safety net for answers
 *     reactor-netty or Spring write on their own), whose {@code instance} is the path of the request it answers.</li>
 * </ul>
 * After answering on its own the handler keeps reading (and discarding) for {@link #CLOSE_DELAY_MILLIS} before it
 * closes, so a client still sending a long header reads the answer instead of a connection reset.
 */
final class HttpEdgeHandler extends ChannelDuplexHandler {
    /** How long a connection answered by this handler keeps draining input before it is closed. */
    static final long CLOSE_DELAY_MILLIS = 1000;
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

    /** What of the client's next request is on the wire; it decides which deadline runs. */
    private enum Inbound {
        /** nothing: between requests (the idle deadline runs once every request is answered) */
        NONE,
        /** (part of) a request head; the header deadline runs */
        HEADERS,
        /** a head has been decoded, its body is still arriving; the body deadline runs */
        BODY
    }

    private enum Deadline { NONE, HEADERS, BODY, IDLE }

    private final HttpEdge edge;
    private ChannelHandlerContext ctx;
    /** a new connection counts as a request head on its way */
    private Inbound inbound = Inbound.HEADERS;
    /** this handler has answered and closes the connection soon; input is discarded */
    private boolean rejected;
    /** the deadline scheduled or, once passed, still pending an answer */
    private Deadline running = Deadline.NONE;
    /** a deadline that passed while earlier requests were still being answered */
    private Deadline late = Deadline.NONE;
    private ScheduledFuture<?> deadline;
    /** requests handed on whose response has not been completely written (> 1 when the client pipelines) */
    private int unanswered;
    /**
     * the requests handed on whose response's last part has not been passed to the codec yet, oldest first; an
     * answer of ours queued after all of them leaves in order. Lags {@link #unanswered} while writes are flushed.
     */
    private final Deque<Handed> unwritten = new ArrayDeque<>();
    /** a response head has been written and its last part not yet */
    private boolean responding;
    /** an answer of ours waiting for the answers due before it (input is discarded meanwhile); null if none */
    private ApiException owed;
    private String owedPath;
    /** {@link #owed} answers the newest request handed on (its body broke) instead of a request never handed on */
    private boolean owedReplaces;

    /** A request handed on to reactor-netty, as far as its answer needs it. */
    private record Handed(String path, boolean head) {
    }

    HttpEdgeHandler(HttpEdge edge) {
        this.edge = edge;
    }

    /** The handler to put before the codec: the first byte of a next request starts its header deadline. */
    ChannelHandler byteWatch() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext c, Object msg) {
                if (inbound == Inbound.NONE && msg instanceof ByteBuf bytes && bytes.isReadable()) {
                    inbound = Inbound.HEADERS;
                    rearm();
                }
                c.fireChannelRead(msg);
            }
        };
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        edge.opened(this);
        rearm();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelDeadline();
        edge.closed(this);
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (rejected || owed != null) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            ApiException refused = refusal(request);
            if (refused != null) {
                ReferenceCountUtil.release(msg);
                refuse(refused, "/", false);
                return;
            }
            unwritten.add(new Handed(pathOf(request.uri()), HttpMethod.HEAD.equals(request.method())));
            unanswered++;
            inbound = msg instanceof LastHttpContent ? Inbound.NONE : Inbound.BODY;
            rearm();
        } else if (msg instanceof HttpContent content && content.decoderResult().isFailure()) {
            // a broken chunk: reactor-netty would answer it on its own, a second answer after Spring's (or a 500
            // when Spring answers after it); the connection cannot go on, as the body's end is lost
            ReferenceCountUtil.release(msg);
            inbound = Inbound.NONE;
            refuse(problemFor(400), unwritten.isEmpty() ? "/" : unwritten.peekLast().path(), true);
            return;
        } else if (msg instanceof LastHttpContent && inbound == Inbound.BODY) {
            inbound = Inbound.NONE;
            rearm();
        }
        ctx.fireChannelRead(msg);
    }

    /** The problem with a request head, or null when it can be handed on. */
    private static ApiException refusal(HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            return decodingProblem(request.decoderResult().cause());
        }
        HttpVersion version = request.protocolVersion();
        if (!HttpVersion.HTTP_1_1.equals(version) && !HttpVersion.HTTP_1_0.equals(version)) {
            // the codec accepts any "HTTP/x.y", and reactor-netty would answer in that version and keep the connection
            return new ApiException(400, "MALFORMED_REQUEST", "Only HTTP/1.1 and HTTP/1.0 are served");
        }
        if (!parseableTarget(request.uri())) {
            return new ApiException(400, "INVALID_URI",
                    "The request target is not a valid URI (percent-encode non-ASCII characters, braces and spaces)");
        }
        return null;
    }

    /**
     * Answers with the problem as soon as the answers due before it have been written, then closes; nothing more
     * is read.
     *
     * @param replaces the problem answers the newest request handed on (instead of one never handed on)
     */
    private void refuse(ApiException problem, String path, boolean replaces) {
        owed = problem;
        owedPath = path;
        owedReplaces = replaces;
        cancelDeadline(); // the connection ends with this answer: no deadline applies any more
        settleOwed();
    }

    /** Sends the owed answer once its turn has come (or closes when Spring answered the broken request itself). */
    private void settleOwed() {
        if (owed == null || rejected || responding) {
            return;
        }
        int before = owedReplaces ? 1 : 0;
        if (owedReplaces && unwritten.isEmpty()) {
            owed = null;
            closeAfterFlush(); // already answered (e.g. 401 before the body): nothing left to say
        } else if (unwritten.size() == before) {
            ApiException problem = owed;
            owed = null;
            reject(problem, owedPath);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (rejected) {
            // this handler has answered the request Spring may still be answering: a second answer must not follow
            ReferenceCountUtil.release(msg);
            if (!promise.isVoid()) {
                promise.tryFailure(new ClosedChannelException());
            }
            return;
        }
        Object out = msg;
        if (msg instanceof HttpResponse response && response.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
            out = withProblemBody(response);
            secure(((HttpResponse) out).headers());
            responding = true;
        }
        if (out instanceof LastHttpContent && responding) {
            responding = false;
            unwritten.poll();
            ChannelPromise written = promise.unvoid();
            written.addListener(f -> answered());
            ctx.write(out, written);
            settleOwed(); // an answer of ours waiting for this one goes right after it
            return;
        }
        ctx.write(out, promise);
    }

    /** Called from any thread when shutdown begins: a body still arriving gets a short grace, then 503. */
    void drain() {
        ctx.executor().execute(() -> {
            if (running == Deadline.BODY && deadline != null) {
                long left = deadline.getDelay(TimeUnit.MILLISECONDS);
                schedule(Deadline.BODY, Math.min(left, HttpEdge.SHUTDOWN_BODY_GRACE.toMillis()));
            }
        });
    }

    /** A response was written completely. */
    private void answered() {
        unanswered = Math.max(0, unanswered - 1);
        if (!ctx.channel().isActive() || rejected) {
            return;
        }
        if (late != Deadline.NONE) {
            Deadline overdue = late;
            late = Deadline.NONE;
            expired(overdue);
        } else {
            rearm();
        }
    }

    /**
     * Starts the deadline the connection's state calls for; one already running for the same state keeps its time,
     * so neither trickled bytes nor answers to earlier requests extend it.
     */
    private void rearm() {
        if (rejected || owed != null) {
            return;
        }
        Deadline needed = switch (inbound) {
            case HEADERS -> Deadline.HEADERS;
            case BODY -> Deadline.BODY;
            case NONE -> unanswered == 0 ? Deadline.IDLE : Deadline.NONE; // being served: graceful shutdown waits
        };
        if (needed == running) {
            return;
        }
        HttpEdgeProperties limits = edge.properties();
        switch (needed) {
            case HEADERS -> schedule(needed, TimeUnit.SECONDS.toMillis(limits.headerTimeoutSeconds()));
            case BODY -> schedule(needed, edge.draining() ? HttpEdge.SHUTDOWN_BODY_GRACE.toMillis()
                    : TimeUnit.SECONDS.toMillis(limits.bodyTimeoutSeconds()));
            case IDLE -> schedule(needed, TimeUnit.SECONDS.toMillis(limits.idleTimeoutSeconds()));
            case NONE -> cancelDeadline();
        }
    }

    /**
     * A deadline passed. The stalled request is answered when its answer is the next one due and none has begun;
     * while earlier pipelined requests are still being answered, it is answered right after them ({@link #late}).
     */
    private void expired(Deadline which) {
        deadline = null;
        switch (which) {
            case HEADERS -> {
                if (unanswered > 0 || responding) {
                    late = which;
                } else {
                    reject(new ApiException(408, "REQUEST_TIMEOUT", "The request headers were not complete within "
                            + edge.properties().headerTimeoutSeconds() + " s"), "/");
                }
            }
            case BODY -> {
                if (unanswered == 0) {
                    ctx.close(); // already answered (e.g. 401 before the body): nothing left to say
                } else if (unanswered > 1 || responding) {
                    late = which;
                } else if (edge.draining()) {
                    reject(new ApiException(503, "SHUTTING_DOWN",
                            "The server is shutting down; the request body was not complete"), currentPath());
                } else {
                    reject(new ApiException(408, "REQUEST_TIMEOUT", "The request body was not complete within "
                            + edge.properties().bodyTimeoutSeconds() + " s"), currentPath());
                }
            }
            case IDLE -> ctx.close();
            case NONE -> { }
        }
    }

    /** Path of the newest request handed on, whose body is arriving. */
    private String currentPath() {
        return unwritten.isEmpty() ? "/" : unwritten.peekLast().path();
    }

    /**
     * Answers with a problem, closes the connection's output, and closes it entirely after a short drain.
     *
     * @param path the path of the request answered, for the problem's instance ("/" when unknown)
     */
    private void reject(ApiException problem, String path) {
        rejected = true;
        cancelDeadline();
        byte[] body = edge.problems().render(problem, path);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(problem.status()), Unpooled.wrappedBuffer(body));
        HttpHeaders headers = response.headers();
        headers.set(HttpHeaderNames.CONTENT_TYPE, ProblemWebExceptionHandler.PROBLEM_JSON.toString());
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        secure(headers);
        ctx.write(response);
        closeAfterFlush();
    }

    /**
     * Flushes what is written, half-closes and closes after {@link #CLOSE_DELAY_MILLIS}; meanwhile input is read and
     * discarded, so the client's unsent bytes do not turn into a reset that could destroy the answer.
     */
    private void closeAfterFlush() {
        rejected = true;
        cancelDeadline();
        ctx.channel().config().setAutoRead(true);
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> {
            if (ctx.channel() instanceof DuplexChannel duplex && ctx.channel().isActive()) {
                duplex.shutdownOutput();
            }
            ctx.executor().schedule(() -> ctx.close(), CLOSE_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        });
    }

    /** Gives an error response that has no body and no content type a problem+json body. */
    private Object withProblemBody(HttpResponse response) {
        int status = response.status().code();
        Handed request = unwritten.peek();
        boolean head = request != null && request.head();
        if (status < 400 || head || !(response instanceof FullHttpResponse full) || full.content().isReadable()
                || response.headers().contains(HttpHeaderNames.CONTENT_TYPE)) {
            return response;
        }
        byte[] body = edge.problems().render(problemFor(status), request == null ? "/" : request.path());
        FullHttpResponse replaced = full.replace(Unpooled.wrappedBuffer(body));
        full.release();
        replaced.headers().set(HttpHeaderNames.CONTENT_TYPE, ProblemWebExceptionHandler.PROBLEM_JSON.toString());
        replaced.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return replaced;
    }

    /**
     * Security headers on every response. A response that brings its own Content-Security-Policy (the HTML pages:
     * API docs, map) keeps it; every other gets the strictest, since it is data, never a document to render.
     */
    static void secure(HttpHeaders headers) {
        headers.set("X-Content-Type-Options", "nosniff");
        if (!headers.contains("Content-Security-Policy")) {
            headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        }
        headers.set("Referrer-Policy", "no-referrer");
        headers.remove(HttpHeaderNames.SERVER);
    }

    static ApiException decodingProblem(Throwable cause) {
        return problemFor(cause instanceof TooLongHttpLineException ? 414
                : cause instanceof TooLongHttpHeaderException ? 431 : 400);
    }

    /** The problem for an error status decided below Spring (by the codec, or answered there without a body). */
    static ApiException problemFor(int status) {
        return switch (status) {
            case 400 -> new ApiException(400, "MALFORMED_REQUEST", "The request is not valid HTTP/1.1");
            case 408 -> new ApiException(408, "REQUEST_TIMEOUT", "The request was not complete in time");
            case 414 -> new ApiException(414, "URI_TOO_LONG", "The request line is longer than the server accepts");
            case 431 -> new ApiException(431, "HEADERS_TOO_LARGE", "The request headers are larger than the server accepts");
            default -> ProblemWebExceptionHandler.toProblem(new ResponseStatusException(HttpStatusCode.valueOf(status)));
        };
    }

    /** RFC 9112 request targets are ASCII; beyond that, what {@link URI} (and so Spring) can parse. */
    static boolean parseableTarget(String target) {
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        try {
            new URI(target);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String pathOf(String target) {
        String path = URI.create(target).getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    private void schedule(Deadline which, long delayMillis) {
        cancelDeadline();
        running = which;
        deadline = ctx.executor().schedule(() -> expired(which), Math.max(1, delayMillis), TimeUnit.MILLISECONDS);
    }

    private void cancelDeadline() {
        running = Deadline.NONE;
        late = Deadline.NONE;
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
