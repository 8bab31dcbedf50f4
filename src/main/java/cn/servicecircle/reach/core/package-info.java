/**
 * The walking-reach engine: compact walk graph, snapping, bounded and multi-source Dijkstra,
 * isochrone polygons, per-site walking times and the straight-line fallback.
 *
 * <p>Rule of this package: it is plain Java plus JTS. Classes here may depend only on
 * {@code java.*}, {@code org.locationtech.jts.*} and this package itself &mdash; no GraphHopper,
 * Spring, Reactor or R2DBC type, not even in a private field. Graph sources (GraphHopper, a test
 * builder, a future pgRouting export) live in sibling packages and hand over a {@link
 * cn.servicecircle.reach.core.WalkGraph}. {@code ReachCoreArchitectureTest} enforces the rule.
 *
 * <p>Units everywhere: coordinates are WGS84 degrees (lon, lat order in every signature),
 * lengths are metres, times are seconds, speeds are metres per second; names carry the unit
 * ({@code walkSeconds}, {@code distanceMeters}).
 *
 * <p>Cost model: a walk costs {@code distanceMeters / speed.metersPerSecond()} seconds on every
 * edge (uniform speed, chosen per query: {@link cn.servicecircle.reach.core.WalkSpeed#ADULT} 4.0
 * km/h, {@link cn.servicecircle.reach.core.WalkSpeed#ELDERLY} 3.0 km/h). The graph stores metres
 * only, so one graph serves every speed. Searches run on metres and derive seconds, so
 * {@code walkSeconds * speed == distanceMeters} holds exactly for every answer.
 */
package cn.servicecircle.reach.core;
