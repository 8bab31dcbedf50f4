/**
 * Coordinate systems used at the edges of the service: WGS84 (EPSG:4326, what we store) and GCJ-02
 * (the obfuscated "Mars" system drawn by Amap, Tencent maps and the WeChat map component).
 *
 * <p>Rule: plain Java + JTS only; no Spring, R2DBC or web types. Everything inside the service is
 * WGS84; conversion happens once, where a coordinate enters or leaves.
 */
package cn.servicecircle.coord;
