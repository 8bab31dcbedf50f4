package cn.servicecircle.population;

/**
 * Residents at one point (a grid cell centre or a community), counted by age band. Counts are ≥ 0.
 *
 * @param id        stable id, e.g. a grid cell id
 * @param lon       WGS84 longitude, degrees
 * @param lat       WGS84 latitude, degrees
 * @param areaCode  street/town the point belongs to
 * @param source    census | synthetic | import
 * @param asOfYear  year the counts describe
 */
public record PopulationPoint(String id, double lon, double lat, String areaCode, int age0to2, int age3to5,
                              int age6to14, int age15to59, int age60to64, int age65plus, String source,
                              int asOfYear) {
    /** @return the sum of all bands */
    public int total() {
        return age0to2 + age3to5 + age6to14 + age15to59 + age60to64 + age65plus;
    }
}
