package cn.servicecircle.site;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import cn.servicecircle.coord.CoordSys;
import cn.servicecircle.coord.LonLat;
import cn.servicecircle.security.Actor;
import cn.servicecircle.web.ApiException;
import cn.servicecircle.web.CoordParams;
import cn.servicecircle.web.FieldProblem;
import cn.servicecircle.web.GeoJson;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The site registry: validates writes, keeps them inside the service area, and records history.
 * Optimistic concurrency: every edit (PUT, PATCH, DELETE) names the version it was based on in a strong If-Match.
 *
 * <p>A write that changes nothing (PATCH {@code {}} or with the stored values, PUT of the same fields, DELETE of a
 * closed site) answers the site as it is: same version and ETag, no revision, no change event. "The same" is
 * compared after the request went through the parser (text NFC and trimmed, the area derived from the location when
 * not stated); a requested location is the stored one when it shows as the same point in the request's coordSys at
 * the API's precision (6 decimals, about 0.1 m), so re-sending what GET returned, in WGS84 or in GCJ-02, is not a
 * move and the stored point keeps its full precision.
 */
@Service
public class SiteService {
    private final SiteRepository sites;
    private final SitePlacement placement;
    private final SiteChanges changes;
    private final Mono<SiteInputParser> parser;

    public SiteService(SiteRepository sites, SitePlacement placement, SiteChanges changes) {
        this.sites = sites;
        this.placement = placement;
        this.changes = changes;
        // cached while loaded; a failure (database briefly away) is not cached, and the vocabulary is re-read hourly
        this.parser = sites.subtypes().map(SiteInputParser::new)
                .cache(v -> java.time.Duration.ofHours(1), e -> java.time.Duration.ZERO, () -> java.time.Duration.ZERO);
    }

    /** The validation of every site write (cached vocabulary). */
    Mono<SiteInputParser> parser() {
        return parser;
    }

    /** A page of sites. {@code next} is null on the last page. */
    public record Page(List<Site> items, long total, SiteQuery.Cursor next) {
    }

    /** @throws ApiException 404 SITE_NOT_FOUND */
    public Mono<Site> get(UUID id) {
        return sites.findById(id).switchIfEmpty(Mono.error(() -> notFound(id)));
    }

    public Mono<Page> list(SiteQuery q) {
        return Mono.zip(sites.list(q).collectList(), sites.count(q)).map(t -> {
            List<Site> items = t.getT1();
            // the repository reads one row more than asked: a cursor only when there is a next page
            if (items.size() <= q.limit()) {
                return new Page(items, t.getT2(), null);
            }
            List<Site> page = items.subList(0, q.limit());
            Site last = page.get(page.size() - 1);
            return new Page(List.copyOf(page), t.getT2(), new SiteQuery.Cursor(last.name(), last.id()));
        });
    }

    public Flux<SiteRevision> history(UUID id) {
        return get(id).thenMany(sites.history(id));
    }

    /**
     * One row of a geo-data file (the loader): the API's validation and placement, as {@code actor}; inserted only
     * when its external id is new, so edits made through the API are never overwritten.
     *
     * @param body   as {@link SiteInputParser} takes it, location in WGS84
     * @param source osm | synthetic
     * @return 1 when inserted, 0 when a site with its external id exists; errors as for {@link #create}
     */
    public Mono<Long> load(Map<String, Object> body, String source, Actor actor, String reason) {
        return parser.map(p -> p.parse(body)).flatMap(draft -> placement.place(draft, actor))
                .flatMap(draft -> sites.insertIfAbsent(draft, source, "load", actor, reason))
                .map(site -> 1L).defaultIfEmpty(0L);
    }

    /** Creates a site from a request body whose location is in {@code sys}. */
    public Mono<Site> create(Map<String, Object> body, CoordSys sys, Actor actor, String reason) {
        return parser.map(p -> p.parse(body))
                .flatMap(draft -> {
                    if (!draft.open()) {
                        return Mono.error(ApiException.badField("status", "INVALID_VALUE", "A new site is open"));
                    }
                    LonLat wgs = CoordParams.toWgs84(draft.lon(), draft.lat(), sys);
                    return placement.place(draft.withLocation(wgs.lon(), wgs.lat()), actor);
                })
                .flatMap(draft -> sites.insert(draft, "manual", "create", actor, reason))
                .onErrorMap(DuplicateKeyException.class, e -> duplicateExternalId())
                .doOnNext(changes::publish);
    }

    /**
     * Replaces the editable fields (PUT). Absent {@code status} and {@code externalId} keep their values.
     *
     * @param ifMatch the versions the client based its edit on; null = header missing (428)
     */
    public Mono<Site> replace(UUID id, Preconditions ifMatch, Map<String, Object> body, CoordSys sys, Actor actor,
                              String reason) {
        return current(id, ifMatch, actor).flatMap(site -> {
            Map<String, Object> full = new LinkedHashMap<>(body);
            full.putIfAbsent("status", site.open() ? "open" : "closed");
            full.putIfAbsent("externalId", site.externalId());
            return parser.map(p -> p.parse(full)).flatMap(draft -> {
                LonLat wgs = requestedLocation(site, draft.lon(), draft.lat(), sys);
                return write(site, keepExternalId(site, draft).withLocation(wgs.lon(), wgs.lat()), actor, reason);
            });
        });
    }

    /** Applies an RFC 7396 merge patch (PATCH); a location in the patch is in {@code sys}. */
    public Mono<Site> patch(UUID id, Preconditions ifMatch, Map<String, Object> patch, CoordSys sys, Actor actor,
                            String reason) {
        if (patch.get("location") instanceof Map<?, ?> loc && !(loc.containsKey("lon") && loc.containsKey("lat"))) {
            // a point is replaced whole: half of it in one coordinate system cannot be merged with the stored other
            // half, which is in another
            return Mono.error(ApiException.badField("location", "INCOMPLETE_LOCATION",
                    "A patched location needs both lon and lat"));
        }
        return current(id, ifMatch, actor).flatMap(site -> {
            Map<String, Object> merged = SiteInputParser.mergePatch(SiteInputParser.toBody(site), patch);
            if (patch.containsKey("location") && !patch.containsKey("areaCode")) {
                merged.remove("areaCode"); // a moved site belongs to the area at its new location
            }
            return parser.map(p -> p.parse(merged)).flatMap(draft -> {
                SiteDraft d = keepExternalId(site, draft);
                if (patch.containsKey("location")) {
                    LonLat wgs = requestedLocation(site, draft.lon(), draft.lat(), sys);
                    d = draft.withLocation(wgs.lon(), wgs.lat());
                }
                return write(site, d, actor, reason);
            });
        });
    }

    /**
     * Closes a site (DELETE): it stays, with its history, and can be reopened by PATCH status=open. Needs If-Match
     * like any edit, so nobody closes a site someone just changed; closing a closed site changes nothing.
     *
     * @param ifMatch the versions the client based its edit on; null = header missing (428)
     */
    public Mono<Site> close(UUID id, Preconditions ifMatch, Actor actor, String reason) {
        return current(id, ifMatch, actor).flatMap(site -> {
            if (!site.open()) {
                return Mono.just(site);
            }
            Map<String, Object> body = SiteInputParser.toBody(site);
            body.put("status", "closed");
            return parser.map(p -> p.parse(body)).flatMap(draft -> store(site, site.version(), draft, actor, reason));
        });
    }

    /**
     * The site to edit: 404 unknown, 403 OUT_OF_SCOPE when it is not in the actor's areas (before any precondition,
     * so a neighbour's site tells an office nothing about its versions), 428/412 for If-Match.
     */
    private Mono<Site> current(UUID id, Preconditions ifMatch, Actor actor) {
        return sites.findById(id).switchIfEmpty(Mono.error(() -> notFound(id))).flatMap(site -> {
            SitePlacement.requireInScope(site, actor);
            if (ifMatch == null) {
                return Mono.error(new ApiException(428, "PRECONDITION_REQUIRED",
                        "Send If-Match with the site's ETag (its version) to edit it"));
            }
            return ifMatch.matches(site.version()) ? Mono.just(site) : Mono.error(conflict(site, ifMatch));
        });
    }

    /**
     * The WGS84 point a request names: the stored point when the request shows the same point as the API would (in
     * {@code sys}, rounded to the 6 decimals responses carry), else the converted request. Without this, re-sending
     * a GCJ-02 location read from the API would move the site by the rounding and the round trip (a few cm).
     */
    static LonLat requestedLocation(Site site, double lon, double lat, CoordSys sys) {
        LonLat shown = CoordParams.fromWgs84(site.lon(), site.lat(), sys);
        if (GeoJson.round6(shown.lon()) == GeoJson.round6(lon) && GeoJson.round6(shown.lat()) == GeoJson.round6(lat)) {
            return new LonLat(site.lon(), site.lat());
        }
        return CoordParams.toWgs84(lon, lat, sys);
    }

    /** Whether storing {@code draft} would leave every editable field of {@code site} as it is. */
    static boolean unchanged(Site site, SiteDraft draft) {
        return Objects.equals(site.externalId(), draft.externalId()) && site.category() == draft.category()
                && site.subtype().equals(draft.subtype()) && site.name().equals(draft.name())
                && Objects.equals(site.address(), draft.address())
                && site.lon() == draft.lon() && site.lat() == draft.lat()
                && site.areaCode().equals(draft.areaCode()) && site.capacity().equals(draft.capacity())
                && site.inclusive() == draft.inclusive() && Objects.equals(site.openingHours(), draft.openingHours())
                && Objects.equals(site.phone(), draft.phone()) && site.open() == draft.open();
    }

    /**
     * An external id ties a site to its source record (OSM, an import file) and keeps loads idempotent: once set it
     * cannot be changed or removed.
     */
    private static SiteDraft keepExternalId(Site site, SiteDraft draft) {
        if (site.externalId() != null && !site.externalId().equals(draft.externalId())) {
            throw ApiException.badField("externalId", "IMMUTABLE_FIELD",
                    "externalId links the site to its source and cannot change once set");
        }
        return draft;
    }

    private Mono<Site> write(Site current, SiteDraft draft, Actor actor, String reason) {
        return placement.place(draft, actor).flatMap(d -> unchanged(current, d) ? Mono.just(current)
                : store(current, current.version(), d, actor, reason));
    }

    private Mono<Site> store(Site current, int expectedVersion, SiteDraft draft, Actor actor, String reason) {
        String action = current.open() == draft.open() ? "update" : draft.open() ? "reopen" : "close";
        return sites.update(current.id(), expectedVersion, draft, action, actor, reason)
                // empty: someone else wrote in between
                .switchIfEmpty(Mono.defer(() -> sites.findById(current.id()))
                        .flatMap(now -> Mono.<Site>error(conflict(now))))
                .onErrorMap(DuplicateKeyException.class, e -> duplicateExternalId())
                .doOnNext(changes::publish);
    }

    private static ApiException duplicateExternalId() {
        return new ApiException(409, "DUPLICATE_EXTERNAL_ID", "Another site has this externalId",
                List.of(new FieldProblem("externalId", "DUPLICATE_EXTERNAL_ID", "externalId must be unique")));
    }

    private static ApiException notFound(UUID id) {
        return new ApiException(404, "SITE_NOT_FOUND", "No site with id " + id);
    }

    private static ApiException conflict(Site now) {
        return new ApiException(412, "VERSION_CONFLICT", "The site changed since you read it: it is now at version "
                + now.version() + "; re-read it and send If-Match: \"" + now.version() + "\"");
    }

    private static ApiException conflict(Site now, Preconditions ifMatch) {
        if (ifMatch.ignoredWeak()) {
            return new ApiException(412, "VERSION_CONFLICT", "If-Match uses the strong comparison: weak tags (W/...) "
                    + "never match. The site is at version " + now.version() + "; send If-Match: \"" + now.version()
                    + "\"");
        }
        if (ifMatch.malformed()) {
            return new ApiException(412, "VERSION_CONFLICT", "If-Match is a list of quoted entity tags; send the "
                    + "ETag exactly as received: the site is at version " + now.version() + ", If-Match: \""
                    + now.version() + "\"");
        }
        return conflict(now);
    }
}
