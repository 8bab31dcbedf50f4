package cn.servicecircle.web;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

import io.netty.channel.ChannelPipeline;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server's edge below Spring: every HTTP/1.1 connection gets a {@link HttpEdgeHandler} right after Netty's
 * HTTP codec. It answers what never reaches Spring as problem+json (malformed requests, over-long URL or headers,
 * URIs Java cannot parse, timeouts), enforces {@link HttpEdgeProperties}' deadlines and puts the security headers
 * on every response. On shutdown it cuts requests whose body is still arriving, so graceful shutdown only waits
 * for requests that are really being served.
 */
@Component
public class HttpEdge implements NettyServerCustomizer, ApplicationListener<ContextClosedEvent> {
    /** During shutdown a request body still incomplete after this long gets 503 SHUTTING_DOWN. */
    static final Duration SHUTDOWN_BODY_GRACE = Duration.ofSeconds(1);

    private final HttpEdgeProperties properties;
    private final ProblemJson problems;
    private final Set<HttpEdgeHandler> open = ConcurrentHashMap.newKeySet();
    private volatile boolean draining;

    public HttpEdge(HttpEdgeProperties properties, JsonMapper json) {
        this.properties = properties;
        this.problems = new ProblemJson(json);
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remoteAddress) -> {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.HttpCodec) == null) {
                return; // not an HTTP/1.1 connection (none are configured today)
            }
            HttpEdgeHandler handler = new HttpEdgeHandler(this);
            pipeline.addBefore(NettyPipeline.HttpCodec, "sc.edgeBytes", handler.byteWatch());
            pipeline.addAfter(NettyPipeline.HttpCodec, "sc.edge", handler);
        });
    }

    /** Shutdown begins (before the web server stops): requests still uploading get a short grace, then 503. */
    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        draining = true;
        open.forEach(HttpEdgeHandler::drain);
    }

    HttpEdgeProperties properties() {
        return properties;
    }

    ProblemJson problems() {
        return problems;
    }

    boolean draining() {
        return draining;
    }

    void opened(HttpEdgeHandler handler) {
        open.add(handler);
    }

    void closed(HttpEdgeHandler handler) {
        open.remove(handler);
    }
}
