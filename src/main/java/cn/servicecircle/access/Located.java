package cn.servicecircle.access;

import cn.servicecircle.reach.core.Snap;

/**
 * A point as an {@link AccessMethod} measures from it: the point itself, and for the network method where it joins
 * the walking network.
 *
 * @param lon  WGS84 longitude, degrees
 * @param lat  WGS84 latitude, degrees
 * @param snap where the point joins the network; null for the straight-line method
 */
public record Located(double lon, double lat, Snap snap) {
}
