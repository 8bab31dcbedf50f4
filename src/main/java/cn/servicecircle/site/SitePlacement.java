package cn.servicecircle.site;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.servicecircle.area.AreaRepository;
import cn.servicecircle.area.AreaRepository.PlacementFacts;
import cn.servicecircle.security.Actor;
import cn.servicecircle.security.Role;
import cn.servicecircle.web.ApiException;
import cn.servicecircle.web.FieldProblem;
import reactor.core.publisher.Mono;

/**
 * The one placement rule for every write (API, geo-data loader, bulk import): the point must be in the service area;
 * a stated area must exist and lie within {@value #AREA_TOLERANCE_METERS} m of the point (unit outlines are
 * synthetic), else the area is the unit at the point (or the district where it has none); and the resulting area
 * must be in the actor's scope — for an office, one of its areas, with the point inside that area's outline where
 * it has one. Done once, where the area is resolved, in one database round trip for any number of rows.
 */
@Component
public class SitePlacement {
    /** How far a stated area's outline may be from the point, metres. */
    public static final double AREA_TOLERANCE_METERS = 2000;

    private final AreaRepository areas;

    public SitePlacement(AreaRepository areas) {
        this.areas = areas;
    }

    /** A placed row: the draft with its area, or why it cannot be written (exactly one is non-null). */
    public record Placed(SiteDraft draft, ApiException problem) {
        /** @return the draft; @throws ApiException the problem */
        public SiteDraft orThrow() {
            if (problem != null) {
                throw problem;
            }
            return draft;
        }
    }

    /**
     * @param draft a validated draft in WGS84 (areaCode null = derive it)
     * @return the draft with its area; errors 422 OUTSIDE_SERVICE_AREA, 400 UNKNOWN_AREA / AREA_MISMATCH,
     * 403 OUT_OF_SCOPE
     */
    public Mono<SiteDraft> place(SiteDraft draft, Actor actor) {
        return placeAll(List.of(draft), actor).map(placed -> placed.get(0).orThrow());
    }

    /** Places many drafts in one query; the answer is in input order, one {@link Placed} per draft. */
    public Mono<List<Placed>> placeAll(List<SiteDraft> drafts, Actor actor) {
        if (drafts.isEmpty()) {
            return Mono.just(List.of());
        }
        double[] lon = new double[drafts.size()];
        double[] lat = new double[drafts.size()];
        String[] stated = new String[drafts.size()];
        for (int k = 0; k < drafts.size(); k++) {
            lon[k] = drafts.get(k).lon();
            lat[k] = drafts.get(k).lat();
            stated[k] = drafts.get(k).areaCode();
        }
        return areas.placements(lon, lat, stated, AREA_TOLERANCE_METERS).map(facts -> {
            List<Placed> out = new ArrayList<>(drafts.size());
            for (int k = 0; k < drafts.size(); k++) {
                out.add(decide(drafts.get(k), facts.get(k), actor));
            }
            return out;
        });
    }

    static Placed decide(SiteDraft draft, PlacementFacts f, Actor actor) {
        if (f.district() == null) {
            return new Placed(null, new ApiException(422, "OUTSIDE_SERVICE_AREA", "The location is outside the service area",
                    List.of(new FieldProblem("location", "OUTSIDE_SERVICE_AREA",
                            "Not inside the district outline (check coordSys)"))));
        }
        String stated = draft.areaCode();
        if (stated != null) {
            if (f.statedKind() == null || ("district".equals(f.statedKind()) && !stated.equals(f.district()))) {
                return new Placed(null, ApiException.badField("areaCode", "UNKNOWN_AREA",
                        "No street/town with code " + stated + " (see GET /v1/areas)"));
            }
            if (!f.statedNear()) {
                return new Placed(null, ApiException.badField("areaCode", "AREA_MISMATCH", "The location is not in area "
                        + stated + "; leave areaCode out to derive it from the location"));
            }
        }
        String area = f.finalCode();
        if (!actor.covers(area)) {
            return new Placed(null, outOfScope(area, actor));
        }
        if (actor.role() == Role.OFFICE && !f.finalCovers()) {
            return new Placed(null, new ApiException(403, "OUT_OF_SCOPE", "The location is outside the outline of area "
                    + area + ", so outside your areas " + actor.areaCodes(),
                    List.of(new FieldProblem("location", "OUT_OF_SCOPE", "Outside area " + area))));
        }
        return new Placed(stated != null ? draft : draft.withAreaCode(area), null);
    }

    /** @throws ApiException 403 OUT_OF_SCOPE when the stored site's area is not the actor's */
    public static void requireInScope(Site site, Actor actor) {
        if (!actor.covers(site.areaCode())) {
            throw outOfScope(site.areaCode(), actor);
        }
    }

    private static ApiException outOfScope(String area, Actor actor) {
        String mine = actor.areaCodes().isEmpty() ? "none" : String.join(", ", actor.areaCodes());
        return new ApiException(403, "OUT_OF_SCOPE", "The site belongs to area " + area
                + ", outside your areas (" + mine + ")",
                List.of(new FieldProblem("areaCode", "OUT_OF_SCOPE", "Area " + area + " is not yours")));
    }
}
