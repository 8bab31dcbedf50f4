package cn.servicecircle.access;

import java.util.List;
import java.util.Optional;

import cn.servicecircle.reach.core.ReachMethod;

/**
 * How walking distance is measured in a region: along its walking network, or straight line × circuity where it
 * has none. The one place that branches on the method; everything above asks through this interface.
 *
 * <p>Contract: distances are walking metres, ≥ 0, symmetric (the network is undirected); a bound is inclusive.
 * Implementations are immutable and safe for concurrent use.
 */
public interface AccessMethod {

    /** @return which method this is, reported with every answer */
    ReachMethod kind();

    /**
     * @return the point ready to measure from; empty when it cannot join the method (network: farther than the snap
     * distance from any walkable way)
     */
    Optional<Located> locate(double lon, double lat);

    /** @return the sites located once for many queries; sites that cannot join the method are left out */
    LocatedSites locateSites(List<ServicePoint> sites);

    /**
     * Prepares "nearest of these sites" for many queries (one multi-source search on the network).
     *
     * @param sites       from {@link #locateSites} of this method
     * @param boundMeters answers beyond this are "none", metres ≥ 0
     */
    NearestField nearestField(LocatedSites sites, double boundMeters);

    /**
     * @param sites from {@link #locateSites} of this method
     * @return every site within {@code maxMeters} of the origin, nearest first (ties by site id)
     */
    List<SiteDistance> within(Located origin, LocatedSites sites, double maxMeters);

    /** Sites located by one method, ready for its queries. Immutable. */
    interface LocatedSites {
        /** @return the sites that could be located, in input order */
        List<ServicePoint> sites();
    }

    /** Nearest of a fixed set of sites, for any located point. Immutable. */
    interface NearestField {
        /** @return the nearest site within the bound, or null when none is */
        SiteDistance nearest(Located point);
    }
}
