package cn.servicecircle.tile;

import cn.servicecircle.web.ApiException;

/**
 * A Web Mercator tile (XYZ scheme, y down from the north, as MapLibre and OSM tiles use).
 *
 * @param z zoom, 0–22
 * @param x column, 0 ≤ x &lt; 2^z
 * @param y row, 0 ≤ y &lt; 2^z
 */
public record TileAddress(int z, int x, int y) {
    public static final int MAX_ZOOM = 22;

    /** @throws ApiException 400 INVALID_TILE when the numbers are not a tile */
    public static TileAddress parse(String z, String x, String y) {
        try {
            int zoom = Integer.parseInt(z);
            int col = Integer.parseInt(x);
            int row = Integer.parseInt(y);
            if (zoom >= 0 && zoom <= MAX_ZOOM && col >= 0 && row >= 0 && col < (1 << zoom) && row < (1 << zoom)) {
                return new TileAddress(zoom, col, row);
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new ApiException(400, "INVALID_TILE", "z/x/y is a tile: 0 ≤ z ≤ " + MAX_ZOOM + ", 0 ≤ x, y < 2^z");
    }

    /** Bounds in WGS84 degrees {west, south, east, north}. */
    public double[] lonLatBounds() {
        double n = 1 << z;
        return new double[]{x / n * 360 - 180, lat(y + 1, n), (x + 1) / n * 360 - 180, lat(y, n)};
    }

    private static double lat(int row, double n) {
        return Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1 - 2 * row / n))));
    }
}
