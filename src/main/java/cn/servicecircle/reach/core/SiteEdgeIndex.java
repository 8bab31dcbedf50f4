package cn.servicecircle.reach.core;

import java.util.Arrays;
import java.util.List;

/**
 * Snapped sites grouped by the edge they lie on (CSR arrays), so a search can find the sites of an edge in O(1).
 * Immutable; build once per site set.
 *
 * <p>Contract: site indexes are positions in the list given to {@link #of}; every site's edge must exist in the
 * graph the searches run on.
 */
public final class SiteEdgeIndex {
    private final int[] edgeFirst;
    private final int[] siteOrder;
    private final SnappedSite[] sites;

    /** Receives a site offered at a walking distance, metres. */
    @FunctionalInterface
    public interface Candidate {
        void offer(int site, double meters);
    }

    /** Visits the sites of one edge. */
    @FunctionalInterface
    public interface SiteVisitor {
        void visit(int site, Snap snap);
    }

    private SiteEdgeIndex(int[] edgeFirst, int[] siteOrder, SnappedSite[] sites) {
        this.edgeFirst = edgeFirst;
        this.siteOrder = siteOrder;
        this.sites = sites;
    }

    /** @param edgeCount the graph's edge count */
    public static SiteEdgeIndex of(List<SnappedSite> sites, int edgeCount) {
        SnappedSite[] array = sites.toArray(SnappedSite[]::new);
        int[] first = new int[edgeCount + 1];
        for (SnappedSite s : array) {
            first[s.snap().edge() + 1]++;
        }
        for (int e = 0; e < edgeCount; e++) {
            first[e + 1] += first[e];
        }
        int[] next = Arrays.copyOf(first, edgeCount);
        int[] order = new int[array.length];
        for (int i = 0; i < array.length; i++) {
            order[next[array[i].snap().edge()]++] = i;
        }
        return new SiteEdgeIndex(first, order, array);
    }

    /** @return number of sites */
    public int size() {
        return sites.length;
    }

    /** @return the id of site {@code i} */
    public String siteId(int i) {
        return sites[i].siteId();
    }

    /** @return whether any site lies on edge {@code e} */
    public boolean hasSites(int e) {
        return edgeFirst[e + 1] > edgeFirst[e];
    }

    /** Calls the visitor for each site on edge {@code e}. */
    public void forEachOnEdge(int e, SiteVisitor visitor) {
        for (int i = edgeFirst[e]; i < edgeFirst[e + 1]; i++) {
            int site = siteOrder[i];
            visitor.visit(site, sites[site].snap());
        }
    }
}
