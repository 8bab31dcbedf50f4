package cn.servicecircle.area;

import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.servicecircle.coord.CoordSys;
import cn.servicecircle.coord.CoordTransforms;
import cn.servicecircle.web.ApiException;
import cn.servicecircle.web.CoordParams;
import cn.servicecircle.web.GeoJson;
import reactor.core.publisher.Mono;

/** The district and its streets/towns; outlines as GeoJSON when {@code geometry=true}. */
@RestController
@RequestMapping("/v1/areas")
public class AreaController {
    /** 区 / 街道 / 镇 / 乡 */
    static final Map<String, String> KIND_ZH = Map.of("district", "区", "street", "街道", "town", "镇",
            "township", "乡");

    private final AreaRepository areas;

    public AreaController(AreaRepository areas) {
        this.areas = areas;
    }

    /**
     * @param kindZh       the kind in Chinese: 区, 街道, 镇 or 乡
     * @param geometry     GeoJSON geometry; null when not requested or unknown
     * @param geometrySource real | synthetic | null
     */
    public record AreaJson(String code, String nameZh, String nameEn, String kind, String kindZh, String parentCode,
                           String geometrySource, Map<String, Object> geometry) {
        static AreaJson of(Area a, CoordSys sys) {
            return new AreaJson(a.code(), a.nameZh(), a.nameEn(), a.kind(), KIND_ZH.get(a.kind()), a.parentCode(),
                    a.geometrySource(),
                    a.geometry() == null ? null : GeoJson.geometry(CoordTransforms.fromWgs84(a.geometry(), sys)));
        }
    }

    /** A list of areas. */
    public record AreaList(List<AreaJson> items) {
    }

    @GetMapping
    public Mono<AreaList> list(@RequestParam(required = false) String geometry,
                               @RequestParam(required = false) String coordSys) {
        CoordSys sys = CoordParams.coordSys(coordSys);
        return areas.list(flag(geometry)).map(a -> AreaJson.of(a, sys)).collectList().map(AreaList::new);
    }

    @GetMapping("/{code}")
    public Mono<AreaJson> get(@PathVariable String code, @RequestParam(required = false) String geometry,
                              @RequestParam(required = false) String coordSys) {
        CoordSys sys = CoordParams.coordSys(coordSys);
        return areas.find(code, flag(geometry)).map(a -> AreaJson.of(a, sys))
                .switchIfEmpty(Mono.error(() -> new ApiException(404, "AREA_NOT_FOUND", "No area with code " + code)));
    }

    static boolean flag(String value) {
        if (value == null || value.isBlank() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ApiException.badField("geometry", "INVALID_PARAMETER", "geometry is true or false");
    }
}
