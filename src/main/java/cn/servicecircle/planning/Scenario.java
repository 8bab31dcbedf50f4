package cn.servicecircle.planning;

import java.util.List;

import cn.servicecircle.access.DemandGroup;

/**
 * A what-if, as parsed: changes to the open sites, checked for form but not yet against a snapshot. Locations are
 * WGS84 (converted from the request's coordinate system).
 *
 * @param groups the demand groups to report, in request order (all when the request named none)
 * @param add    new sites
 * @param move   open sites placed elsewhere (same id, category and subtype)
 * @param close  ids of open sites taken away
 */
public record Scenario(List<DemandGroup> groups, List<NewSite> add, List<Move> move, List<String> close) {
    public Scenario {
        groups = List.copyOf(groups);
        add = List.copyOf(add);
        move = List.copyOf(move);
        close = List.copyOf(close);
    }

    /** Most changes (added + moved + closed) in one scenario: a district plan, not a bulk import. */
    public static final int MAX_CHANGES = 1000;

    /**
     * @param lon WGS84 longitude, degrees
     * @param lat WGS84 latitude, degrees
     */
    public record NewSite(String category, String subtype, double lon, double lat) {
    }

    /**
     * @param siteId an open site's id
     * @param lon    its new WGS84 longitude, degrees
     * @param lat    its new WGS84 latitude, degrees
     */
    public record Move(String siteId, double lon, double lat) {
    }

    /** @return added + moved + closed */
    public int changes() {
        return add.size() + move.size() + close.size();
    }
}
