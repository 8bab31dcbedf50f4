package cn.servicecircle.area;

import org.locationtech.jts.geom.Geometry;

/**
 * A district or one of its streets/towns/townships.
 *
 * @param code           statistical code (e.g. 330203001), never null
 * @param nameZh         Chinese name
 * @param nameEn         English/pinyin name
 * @param kind           district | street | town | township
 * @param parentCode     the district's code, null for the district itself
 * @param geometry       WGS84 (Multi)Polygon, null when unknown or not requested
 * @param geometrySource real | synthetic, null when there is no geometry
 */
public record Area(String code, String nameZh, String nameEn, String kind, String parentCode, Geometry geometry,
                   String geometrySource) {
}
