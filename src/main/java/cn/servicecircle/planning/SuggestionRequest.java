package cn.servicecircle.planning;

import java.util.List;

/**
 * Body of {@code POST /v1/planning/suggestions}; unknown fields are refused (the mapper's setting).
 *
 * @param group      demand group code, required
 * @param count      how many new sites, 1–20 (default 1)
 * @param subtype    the new sites' subtype, one of the group's serving subtypes; default the group's first
 * @param area       street/town code: only its residents count and, without candidates, only its population points
 *                   are candidates
 * @param candidates where a new site could open, 1–2000 points in the request's coordSys; absent: the population
 *                   points
 */
public record SuggestionRequest(String group, Integer count, String subtype, String area, List<Point> candidates) {

    /** A candidate location, degrees in the request's coordSys. */
    public record Point(Double lon, Double lat) {
    }
}
