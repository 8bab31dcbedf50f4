package cn.servicecircle.population;

/**
 * One row of a population import after parsing and row-local validation, before the location checks.
 *
 * @param row      1-based number of the row in the file: the data record (CSV, header excluded, blank lines
 *                 skipped) or the feature (GeoJSON, in {@code features} order)
 * @param id       the point id, TextRule-normalised, 1–60 code points
 * @param lon      WGS84 longitude, degrees (converted from the request's coordSys)
 * @param lat      WGS84 latitude, degrees
 * @param bands    residents per band 0–2, 3–5, 6–14, 15–59, 60–64, 65+; each 0–{@value PopulationImportParser#MAX_BAND}
 * @param areaCode the street/town given in the file, TextRule-normalised; null when absent (derived from the location)
 */
public record ImportRow(int row, String id, double lon, double lat, int[] bands, String areaCode) {
}
