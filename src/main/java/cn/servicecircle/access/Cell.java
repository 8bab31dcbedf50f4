package cn.servicecircle.access;

/**
 * Residents at one place (a grid cell centre or a community), located once for a method: cells do not move, so a
 * coverage refresh after a site edit only re-reads the snapshot.
 *
 * @param id       stable id
 * @param areaCode the street/town it belongs to
 * @param located  where the method measures from; null when it cannot be located (too far from any walkable way)
 * @param bands    residents by age band
 * @param source   where the counts come from (e.g. census, synthetic, import)
 */
public record Cell(String id, String areaCode, Located located, AgeBands bands, String source) {
}
