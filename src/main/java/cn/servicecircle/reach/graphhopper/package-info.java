/**
 * Adapter from GraphHopper 11 to the plain-Java reach core: imports an OSM PBF with GraphHopper's
 * foot profile (custom model {@code foot.json}) and exports the foot-accessible, kept
 * (non-subnetwork) edges into a {@link cn.servicecircle.reach.core.WalkGraph}.
 *
 * <p>Rule: GraphHopper types stay in this package. Callers see {@link
 * cn.servicecircle.reach.graphhopper.GraphHopperWalkGraphLoader#load(java.nio.file.Path,
 * java.nio.file.Path)} returning a core type; {@link
 * cn.servicecircle.reach.graphhopper.GraphHopperWalkGraph} exposes the GraphHopper instance only
 * for benchmarks and cross-checks.
 */
package cn.servicecircle.reach.graphhopper;
