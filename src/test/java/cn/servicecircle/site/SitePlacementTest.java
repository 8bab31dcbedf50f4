package cn.servicecircle.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

import cn.servicecircle.area.AreaRepository.PlacementFacts;
import cn.servicecircle.security.Actor;
import cn.servicecircle.security.Role;

/** The placement and scope rule on given area facts (the facts themselves come from PostGIS in the API tests). */
class SitePlacementTest {
    static final Actor NANMEN = new Actor("南门街道办", Role.OFFICE, Set.of("330203001"));
    static final Actor ADMIN = new Actor("admin", Role.ADMIN, Set.of());
    static final Actor PLANNER = new Actor("planner", Role.PLANNER, Set.of());
    static final SiteDraft DRAFT = new SiteDraft("x", SiteCategory.SCHOOL, "other", "n", null, 121.55, 29.87, null,
            new Capacity(null, null, null, null, null), false, null, null, true);

    static String code(SitePlacement.Placed p) {
        return p.problem() == null ? "OK:" + p.draft().areaCode() : p.problem().code();
    }

    @Test
    void rules() {
        PlacementFacts inNanmen = new PlacementFacts("330203", "330203001", null, true, "330203001", true);
        assertThat(code(SitePlacement.decide(DRAFT, inNanmen, NANMEN))).isEqualTo("OK:330203001");
        assertThat(code(SitePlacement.decide(DRAFT, inNanmen, ADMIN))).isEqualTo("OK:330203001");
        assertThat(code(SitePlacement.decide(DRAFT, inNanmen, PLANNER))).isEqualTo("OUT_OF_SCOPE");
        assertThat(code(SitePlacement.decide(DRAFT, new PlacementFacts(null, null, null, true, null, true), ADMIN)))
                .isEqualTo("OUTSIDE_SERVICE_AREA");
        PlacementFacts nextDoor = new PlacementFacts("330203", "330203002", null, true, "330203002", true);
        assertThat(code(SitePlacement.decide(DRAFT, nextDoor, NANMEN))).isEqualTo("OUT_OF_SCOPE");
        // stated as 南门, within the 2 km tolerance but outside its outline: placement accepts, the office's scope not
        SiteDraft stated = DRAFT.withAreaCode("330203001");
        PlacementFacts nearButOutside = new PlacementFacts("330203", "330203002", "street", true, "330203001", false);
        assertThat(code(SitePlacement.decide(stated, nearButOutside, ADMIN))).isEqualTo("OK:330203001");
        assertThat(code(SitePlacement.decide(stated, nearButOutside, NANMEN))).isEqualTo("OUT_OF_SCOPE");
        assertThat(code(SitePlacement.decide(stated, new PlacementFacts("330203", "330203002", "street", false,
                "330203001", false), ADMIN))).isEqualTo("AREA_MISMATCH");
        assertThat(code(SitePlacement.decide(stated, new PlacementFacts("330203", "330203002", null, false, null,
                false), ADMIN))).isEqualTo("UNKNOWN_AREA");
        SiteDraft otherDistrict = DRAFT.withAreaCode("330205");
        assertThat(code(SitePlacement.decide(otherDistrict, new PlacementFacts("330203", null, "district", true,
                "330205", true), ADMIN))).isEqualTo("UNKNOWN_AREA");
        // a region without units (Heidelberg): the district itself
        assertThat(code(SitePlacement.decide(DRAFT, new PlacementFacts("heidelberg", null, null, true, "heidelberg",
                true), ADMIN))).isEqualTo("OK:heidelberg");
    }
}
