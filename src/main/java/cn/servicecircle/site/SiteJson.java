package cn.servicecircle.site;

import java.time.OffsetDateTime;
import java.util.UUID;

import cn.servicecircle.coord.CoordSys;
import cn.servicecircle.coord.LonLat;
import cn.servicecircle.web.CoordParams;
import cn.servicecircle.web.GeoJson;

/**
 * A site as the API returns it (see api-spec/openapi.yaml, schema Site).
 *
 * @param location lon/lat in {@code coordSys}
 */
public record SiteJson(UUID id, String externalId, String category, String subtype, String name, String address,
                       Location location, String areaCode, Capacity capacity, boolean inclusive, String openingHours,
                       String phone, String status, String source, int version, OffsetDateTime createdAt,
                       OffsetDateTime updatedAt) {

    /** @param coordSys wgs84 | gcj02 */
    public record Location(double lon, double lat, String coordSys) {
    }

    /** Maps a domain site, converting its location to {@code sys}. */
    public static SiteJson of(Site s, CoordSys sys) {
        LonLat p = CoordParams.fromWgs84(s.lon(), s.lat(), sys);
        return new SiteJson(s.id(), s.externalId(), s.category().wire(), s.subtype(), s.name(), s.address(),
                new Location(GeoJson.round6(p.lon()), GeoJson.round6(p.lat()), sys.code()), s.areaCode(),
                s.capacity(), s.inclusive(), s.openingHours(), s.phone(), s.open() ? "open" : "closed", s.source(),
                s.version(), s.createdAt(), s.updatedAt());
    }
}
