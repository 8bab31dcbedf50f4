package cn.servicecircle.access;

import java.util.ArrayList;
import java.util.List;

/**
 * Population cells as the targets of searches started elsewhere (a candidate site, an existing site). Distances are
 * symmetric ({@link AccessMethod}'s contract), so "cells within T of this site" is one bounded search from the site
 * over these targets instead of one search per cell. Only located cells take part.
 */
final class CellTargets {
    private final List<Cell> cells;
    private final AccessMethod.LocatedSites targets;

    /** @param cells the cells, in the order results refer to them by index */
    CellTargets(AccessMethod method, List<Cell> cells) {
        this.cells = List.copyOf(cells);
        List<ServicePoint> points = new ArrayList<>();
        for (int i = 0; i < this.cells.size(); i++) {
            Located l = this.cells.get(i).located();
            if (l != null) {
                // the id carries the cell's index; category and subtype are never read for targets
                points.add(new ServicePoint(Integer.toString(i), "population", "cell", l.lon(), l.lat()));
            }
        }
        this.targets = method.locateSites(points);
    }

    /** A cell within reach and how far it is. */
    record Hit(int cell, double walkMeters) {
    }

    /** @return the cells within {@code maxMeters} of the origin (walking metres), nearest first */
    List<Hit> within(AccessMethod method, Located origin, double maxMeters) {
        List<Hit> out = new ArrayList<>();
        if (targets.sites().isEmpty()) {
            return out;
        }
        for (SiteDistance d : method.within(origin, targets, maxMeters)) {
            out.add(new Hit(Integer.parseInt(d.siteId()), d.walkMeters()));
        }
        return out;
    }

    List<Cell> cells() {
        return cells;
    }
}
