/**
 * The access model: the one rule that residents' answers and planners' figures share.
 *
 * <p>A demand group (an age band of the population) is served by some subtypes of sites, each within a walking
 * threshold ({@link cn.servicecircle.access.AccessVocabulary}). An {@link cn.servicecircle.access.AccessMethod}
 * (walking network or straight line) measures walking metres from a located point to sites. An
 * {@link cn.servicecircle.access.AccessSnapshot} is built by a pure function from (method, vocabulary, sites) and
 * answers "is this point served for that subtype/group, and how far is the nearest site"; the live index, the
 * coverage figures and a what-if all build or read one. {@link cn.servicecircle.access.Coverage} applies the rule
 * to weighted population cells; {@link cn.servicecircle.access.Siting} (greedy MCLP) and
 * {@link cn.servicecircle.access.FloatingCatchment} (2SFCA) measure from sites and candidates to those cells.
 *
 * <p>Rule of this package: plain Java plus JTS and the reach engine ({@code reach.core}) — no Spring, Reactor,
 * R2DBC or GraphHopper type ({@code ReachArchitectureTest} enforces it). Lengths are metres, coordinates WGS84
 * degrees in lon, lat order. Thresholds are walking metres (GB 50180 states them so); times are derived from a
 * speed where an answer needs them.
 */
package cn.servicecircle.access;
