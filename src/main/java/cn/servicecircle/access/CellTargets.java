package cn.servicecircle.access;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Population cells as the targets of searches started elsewhere (a candidate site, an existing site), up to a fixed
 * walking distance. Distances are symmetric ({@link AccessMethod}'s contract), so "cells within T of this site" is
 * one bounded search from the site over these targets instead of one search per cell. Only located cells take part.
 *
 * <p>Why a grid: asking the method about every cell from every origin is cells × origins distance evaluations
 * (5.7 million for the Haishu sample's points as candidates). Walking metres are never shorter than straight-line
 * metres (network paths and straight line × circuity ≥ 1 both), so only cells in the origin's grid square and its
 * eight neighbours, squares a little wider than the bound, can be within it; each such block is located once.
 */
final class CellTargets {
    /** Slack on the square side for the planar approximation of great-circle metres (well under 1 % here). */
    private static final double SIDE_FACTOR = 1.02;
    private static final double METERS_PER_DEGREE = 111_320;

    private final AccessMethod method;
    private final List<Cell> cells;
    private final double maxMeters;
    private final double cosLat;
    private final double side;
    private final Map<Long, List<ServicePoint>> squares = new HashMap<>();
    private final Map<Long, AccessMethod.LocatedSites> blocks = new ConcurrentHashMap<>();

    /**
     * @param cells     the cells, in the order results refer to them by index
     * @param maxMeters the walking bound of every search, metres &gt; 0
     */
    CellTargets(AccessMethod method, List<Cell> cells, double maxMeters) {
        this.method = method;
        this.cells = List.copyOf(cells);
        this.maxMeters = maxMeters;
        double latSum = 0;
        int located = 0;
        for (Cell c : this.cells) {
            if (c.located() != null) {
                latSum += c.located().lat();
                located++;
            }
        }
        this.cosLat = Math.cos(Math.toRadians(located == 0 ? 0 : latSum / located));
        this.side = maxMeters * SIDE_FACTOR + 1;
        for (int i = 0; i < this.cells.size(); i++) {
            Located l = this.cells.get(i).located();
            if (l != null) {
                // the id carries the cell's index; category and subtype are never read for targets
                squares.computeIfAbsent(square(l.lon(), l.lat()), k -> new ArrayList<>())
                        .add(new ServicePoint(Integer.toString(i), "population", "cell", l.lon(), l.lat()));
            }
        }
    }

    /** A cell within reach and how far it is. */
    record Hit(int cell, double walkMeters) {
    }

    /** @return the cells within the bound of the origin (walking metres), nearest first */
    List<Hit> within(Located origin) {
        long key = square(origin.lon(), origin.lat());
        AccessMethod.LocatedSites block = blocks.computeIfAbsent(key, this::block);
        List<Hit> out = new ArrayList<>();
        if (block.sites().isEmpty()) {
            return out;
        }
        for (SiteDistance d : method.within(origin, block, maxMeters)) {
            out.add(new Hit(Integer.parseInt(d.siteId()), d.walkMeters()));
        }
        return out;
    }

    List<Cell> cells() {
        return cells;
    }

    private AccessMethod.LocatedSites block(long key) {
        long x = key >> 32;
        long y = (int) key;
        List<ServicePoint> points = new ArrayList<>();
        for (long dx = -1; dx <= 1; dx++) {
            for (long dy = -1; dy <= 1; dy++) {
                points.addAll(squares.getOrDefault(pack(x + dx, y + dy), List.of()));
            }
        }
        return method.locateSites(points);
    }

    private long square(double lon, double lat) {
        long x = (long) Math.floor(lon * METERS_PER_DEGREE * cosLat / side);
        long y = (long) Math.floor(lat * METERS_PER_DEGREE / side);
        return pack(x, y);
    }

    private static long pack(long x, long y) {
        return (x << 32) | (y & 0xffffffffL);
    }
}
