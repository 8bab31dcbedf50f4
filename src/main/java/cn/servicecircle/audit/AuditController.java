package cn.servicecircle.audit;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.servicecircle.security.Actor;
import cn.servicecircle.security.Actors;
import cn.servicecircle.web.ApiException;
import cn.servicecircle.web.QueryParams;
import cn.servicecircle.web.TextRule;
import reactor.core.publisher.Mono;

/**
 * {@code GET /v1/audit}: every recorded site change (actor, role, time, before, after, reason), oldest first, paged;
 * planners and admins only. The log is append-only: nothing in the API changes or deletes it.
 */
@RestController
public class AuditController {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;
    private static final Pattern AREA_CODE = Pattern.compile("^[A-Za-z0-9-]{2,20}$");

    private final AuditRepository repository;

    public AuditController(AuditRepository repository) {
        this.repository = repository;
    }

    /** A page; {@code nextCursor} null on the last one. */
    public record AuditPage(List<AuditEntry> items, String nextCursor) {
    }

    @GetMapping("/v1/audit")
    public Mono<AuditPage> audit(@RequestParam(required = false) String area,
                                 @RequestParam(required = false) String since,
                                 @RequestParam(required = false) String actor,
                                 @RequestParam(required = false) String limit,
                                 @RequestParam(required = false) String cursor,
                                 @AuthenticationPrincipal Actor caller) {
        if (!Actors.require(caller).readsAudit()) {
            return Mono.error(new ApiException(403, "FORBIDDEN", "The audit log is for planners and admins"));
        }
        AuditQuery q = new AuditQuery(area(area), since(since), actor(actor), cursor(cursor),
                QueryParams.integer("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT));
        return repository.page(q).collectList().map(items -> {
            if (items.size() <= q.limit()) {
                return new AuditPage(items, null);
            }
            List<AuditEntry> page = List.copyOf(items.subList(0, q.limit()));
            return new AuditPage(page, encode(page.get(page.size() - 1).id()));
        });
    }

    private static String area(String area) {
        if (area == null || area.isBlank()) {
            return null;
        }
        if (!AREA_CODE.matcher(area).matches()) {
            throw ApiException.badField("area", "INVALID_PARAMETER", "area is an area code (2-20 letters, digits, '-')");
        }
        return area;
    }

    private static OffsetDateTime since(String since) {
        if (since == null || since.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(since.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.badField("since", "INVALID_PARAMETER",
                    "since is an ISO-8601 date-time with offset, e.g. 2026-11-29T08:00:00Z");
        }
    }

    private static String actor(String actor) {
        if (actor == null || actor.isBlank()) {
            return null;
        }
        var problem = TextRule.violation("actor", actor);
        if (problem != null || actor.length() > 100) {
            throw ApiException.badField("actor", "INVALID_PARAMETER", "actor is an actor's name, single-line, ≤ 100 characters");
        }
        return TextRule.normalize(actor);
    }

    static String encode(long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("a" + id).getBytes(StandardCharsets.US_ASCII));
    }

    static long cursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (s.startsWith("a")) {
                long id = Long.parseLong(s.substring(1));
                if (id >= 0) {
                    return id;
                }
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw ApiException.badField("cursor", "INVALID_PARAMETER", "cursor must be a nextCursor value from a previous page");
    }
}
