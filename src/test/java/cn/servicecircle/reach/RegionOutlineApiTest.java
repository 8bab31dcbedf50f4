package cn.servicecircle.reach;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.springframework.beans.factory.annotation.Autowired;

import cn.servicecircle.support.HeidelbergTestBase;
import cn.servicecircle.support.Http;
import cn.servicecircle.support.Http.Response;

/** Outside the region is OUTSIDE_SERVICE_AREA; inside it but away from every way is POINT_NOT_ROUTABLE. */
class RegionOutlineApiTest extends HeidelbergTestBase {
    @Autowired
    WalkNetwork network;

    @Test
    void mannheimIsOutsideTheHeidelbergRegion() {
        Http http = new Http(web);
        for (String path : new String[] {"/v1/nearby", "/v1/reach"}) {
            Response r = http.get(path + "?lon=8.466&lat=49.488");
            assertThat(r.status()).as(path).isEqualTo(422);
            assertThat(r.code()).as(path).isEqualTo("OUTSIDE_SERVICE_AREA");
        }
    }

    @Test
    void insideTheRegionButFarFromAnyWayIsNotRoutable() throws Exception {
        WalkNetwork.Loaded net = network.whenLoaded().get();
        GeometryFactory wgs84 = new GeometryFactory();
        // the first grid point over the region that the region covers but no way is near
        double[] found = null;
        for (double lat = 49.34; found == null && lat < 49.52; lat += 0.002) {
            for (double lon = 8.56; found == null && lon < 8.89; lon += 0.002) {
                if (net.footprint().covers(wgs84.createPoint(new Coordinate(lon, lat)))
                        && net.snapper().snap(lon, lat).isEmpty()) {
                    found = new double[] {lon, lat};
                }
            }
        }
        assertThat(found).isNotNull();
        Response r = new Http(web).get("/v1/nearby?lon=" + found[0] + "&lat=" + found[1]);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.code()).isEqualTo("POINT_NOT_ROUTABLE");
    }
}
