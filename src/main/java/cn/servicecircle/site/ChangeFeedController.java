package cn.servicecircle.site;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.servicecircle.web.ApiException;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /v1/changes}: site changes as Server-Sent Events. Each event's id is the revision's sequence number, so
 * a browser's EventSource resumes on its own after a reconnect ({@code Last-Event-ID}); other clients send it or
 * {@code since}.
 */
@RestController
public class ChangeFeedController {
    private final SiteChangeStream stream;
    private final JsonMapper json;

    public ChangeFeedController(SiteChangeStream stream, JsonMapper json) {
        this.stream = stream;
        this.json = json;
    }

    /** The event's data: the revision and the site after it. */
    public record ChangeJson(long revisionId, String siteId, int version, String action, String changedAt,
                             java.util.Map<String, Object> site) {
        static ChangeJson of(SiteChange c) {
            return new ChangeJson(c.revisionId(), c.siteId().toString(), c.version(), c.action(),
                    c.changedAt().toInstant().toString(), c.site());
        }
    }

    @GetMapping(value = "/v1/changes", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<String>> changes(@RequestHeader(value = "Last-Event-ID", required = false) String lastEventId,
                                                 @RequestParam(required = false) String since) {
        Long resumeAfter = revision("Last-Event-ID", lastEventId);
        Long from = resumeAfter != null ? resumeAfter : revision("since", since);
        return stream.counted(stream.start(from).flatMapMany(start -> {
            long after = start.revisionId();
            Flux<ServerSentEvent<String>> changes = stream.after(start).map(c -> ServerSentEvent.<String>builder()
                    .id(Long.toString(c.revisionId())).event("site").data(json.writeValueAsString(ChangeJson.of(c)))
                    .build());
            // the first line tells the client where the stream starts, even before any change
            ServerSentEvent<String> ready = ServerSentEvent.<String>builder().event("ready").id(Long.toString(after))
                    .data("{\"after\":" + after + "}").build();
            return Flux.just(ready).concatWith(Flux.merge(changes,
                    stream.heartbeats().map(i -> ServerSentEvent.<String>builder().comment("keep-alive").build())));
        }));
    }

    private static Long revision(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long v = Long.parseLong(value.trim());
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.badField(name, "INVALID_PARAMETER", name + " is a revision id (an integer ≥ 0)");
    }
}
