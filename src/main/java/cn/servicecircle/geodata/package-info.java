/**
 * Loading a region's geo-data ({@link cn.servicecircle.geodata.GeoDataLoader}: one path for every region, driven by the
 * datasets its {@code application-<region>.yaml} declares), and the Haishu sample data set under
 * {@code geo-data/haishu}: extraction of the real inputs (DataV
 * outline, statistics-bureau unit codes, 2020 census, OpenStreetMap schools and hospitals) and the
 * deterministic generator of the SYNTHETIC parts (unit polygons, service sites, gridded population).
 *
 * <p>Rule for the generator: plain Java + JTS; no Spring types. Output is byte-for-byte reproducible (fixed seeds,
 * {@link java.lang.StrictMath} in the coordinate conversion, {@link java.math.BigDecimal} formatting).
 */
package cn.servicecircle.geodata;
