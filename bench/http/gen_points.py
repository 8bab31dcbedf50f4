#!/usr/bin/env python3
"""Deterministic origin points for the HTTP benchmark.

Draws points uniformly in a bounding box (default: Heidelberg's dense centre, 8.64-8.72 E,
49.38-49.42 N) with a fixed seed and keeps a point only if a node of a walkable OSM way lies within
--max-metres of it (rejection sampling: uniform over the walkable area, few points that cannot be
snapped). Walkable ways are read from the PBF with osmium-tool (Debian package `osmium-tool`):
every highway=* except motorway, motorway_link, trunk_link, construction, proposed, abandoned,
platform, raceway and bus_guideway.

Output: one "lat,lon" line per point (7 decimals), N lines. Same PBF + same arguments -> same file.

  python3 bench/http/gen_points.py [--pbf PBF] [--n 2000] [--seed 20261129] [--out FILE]
"""
import argparse
import math
import random
import subprocess
import sys

NOT_WALKABLE = {"motorway", "motorway_link", "trunk_link", "construction", "proposed", "abandoned",
                "platform", "raceway", "bus_guideway"}


def parse_tags(s):
    tags = {}
    if not s:
        return tags
    for kv in s.split(","):
        k, _, v = kv.partition("=")
        tags[k] = v
    return tags


def read_walkable_nodes(pbf):
    """Coordinates (lon, lat) of every node on a walkable highway way, via `osmium tags-filter`."""
    out = subprocess.run(
        ["osmium", "tags-filter", pbf, "w/highway", "-f", "opl", "-o", "-"],
        check=True, capture_output=True, text=True).stdout
    coords = {}
    wanted = set()
    for line in out.splitlines():
        if not line:
            continue
        fields = line.split(" ")
        if line[0] == "n":
            x = y = None
            for f in fields[1:]:
                if f.startswith("x") and len(f) > 1:
                    x = float(f[1:])
                elif f.startswith("y") and len(f) > 1:
                    y = float(f[1:])
            if x is not None and y is not None:
                coords[fields[0]] = (x, y)
        elif line[0] == "w":
            tags, nodes = "", ""
            for f in fields[1:]:
                if f.startswith("T"):
                    tags = f[1:]
                elif f.startswith("N"):
                    nodes = f[1:]
            if parse_tags(tags).get("highway", "") in NOT_WALKABLE:
                continue
            wanted.update(n for n in nodes.split(",") if n)
    return [coords[n] for n in sorted(wanted) if n in coords]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pbf", default="geo-data/heidelberg/heidelberg.test.pbf")
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=20261129)
    ap.add_argument("--bbox", default="8.64,49.38,8.72,49.42", help="minLon,minLat,maxLon,maxLat")
    ap.add_argument("--max-metres", type=float, default=50.0,
                    help="keep a point only if a walkable way node is this close")
    ap.add_argument("--out", default="bench/http/points/heidelberg-2000.csv")
    a = ap.parse_args()

    min_lon, min_lat, max_lon, max_lat = (float(v) for v in a.bbox.split(","))
    nodes = read_walkable_nodes(a.pbf)
    m_per_deg_lat = 111_320.0
    m_per_deg_lon = 111_320.0 * math.cos(math.radians((min_lat + max_lat) / 2))
    cell = a.max_metres  # grid of max-metres cells: a neighbour within max-metres is in the 3x3 block
    grid = {}
    inside = 0
    for lon, lat in nodes:
        if min_lon <= lon <= max_lon and min_lat <= lat <= max_lat:
            inside += 1
        key = (math.floor(lon * m_per_deg_lon / cell), math.floor(lat * m_per_deg_lat / cell))
        grid.setdefault(key, []).append((lon, lat))

    def near_way(lon, lat):
        cx, cy = math.floor(lon * m_per_deg_lon / cell), math.floor(lat * m_per_deg_lat / cell)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for nlon, nlat in grid.get((cx + dx, cy + dy), ()):
                    ddx = (nlon - lon) * m_per_deg_lon
                    ddy = (nlat - lat) * m_per_deg_lat
                    if ddx * ddx + ddy * ddy <= a.max_metres * a.max_metres:
                        return True
        return False

    rnd = random.Random(a.seed)
    points, drawn = [], 0
    while len(points) < a.n:
        drawn += 1
        if drawn > 100 * a.n:
            sys.exit(f"gen_points: only {len(points)} of {drawn} draws near a way; bbox has no network?")
        lon = rnd.uniform(min_lon, max_lon)
        lat = rnd.uniform(min_lat, max_lat)
        if near_way(lon, lat):
            points.append((lat, lon))

    area_km2 = (max_lon - min_lon) * m_per_deg_lon * (max_lat - min_lat) * m_per_deg_lat / 1e6
    with open(a.out, "w") as f:
        for lat, lon in points:
            f.write(f"{lat:.7f},{lon:.7f}\n")
    print(f"gen_points: {len(nodes)} walkable way nodes in the PBF, {inside} "
          f"({100.0 * inside / max(1, len(nodes)):.1f} %) inside the bbox ({area_km2:.1f} km², "
          f"{inside / area_km2:.0f} nodes/km²); kept {len(points)} of {drawn} draws "
          f"({100.0 * len(points) / drawn:.1f} % within {a.max_metres:g} m of a way node) -> {a.out}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
