package cn.servicecircle.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import cn.servicecircle.coord.CoordSys;
import cn.servicecircle.web.ApiException;
import tools.jackson.databind.json.JsonMapper;

/** Row-local rules of the import parser, without the service. */
class PopulationImportParserTest {

    @Test
    void csvColumnsInAnyOrderWithBomQuotesAndBlankLines() {
        String text = "\uFEFFage_65_plus,lat,lon,id,age_0_2,age_3_5,age_6_14,age_15_59,age_60_64,area_code\r\n"
                + "6,29.87,121.53,\"a,1\",1,2,3,4.0,5,330203001\r\n\r\n"
                + "0,29.88,121.54, b ,0,0,0,0,0,\r\n";
        PopulationImportParser.Parsed parsed = PopulationImportParser.csv(text, CoordSys.WGS84);
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.total()).isEqualTo(2);
        ImportRow a = parsed.rows().get(0);
        assertThat(a.id()).isEqualTo("a,1");
        assertThat(a.bands()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(a.areaCode()).isEqualTo("330203001");
        ImportRow b = parsed.rows().get(1);
        assertThat(b.row()).isEqualTo(2);
        assertThat(b.id()).isEqualTo("b");
        assertThat(b.areaCode()).isNull();
    }

    @Test
    void everyProblemOfEveryRowIsReported() {
        String text = "id,lon,lat,age_0_2,age_3_5,age_6_14,age_15_59,age_60_64,age_65_plus\n"
                + "x\u0007,181,29.87,-1,2.5,1e3,NaN,,99999999\n"
                + "%s,121.5,29.8,1,1,1,1,1,1\n".formatted("i".repeat(61))
                + "ok,121.5,29.8,1,1\n";
        PopulationImportParser.Parsed parsed = PopulationImportParser.csv(text, CoordSys.WGS84);
        assertThat(parsed.rows()).isEmpty();
        assertThat(parsed.problems()).extracting(p -> p.row() + ":" + p.field() + ":" + p.code()).containsExactly(
                "1:id:INVALID_TEXT", "1:lon:OUT_OF_RANGE", "1:age_0_2:OUT_OF_RANGE", "1:age_3_5:NOT_AN_INTEGER",
                "1:age_15_59:INVALID_NUMBER", "1:age_60_64:REQUIRED", "1:age_65_plus:OUT_OF_RANGE",
                "2:id:INVALID_LENGTH", "3:row:WRONG_COLUMN_COUNT");
    }

    @Test
    void geoJsonIdsMayBeIntegersAndAnAltitudeIsIgnored() {
        String json = """
                {"type":"FeatureCollection","features":[
                 {"type":"Feature","geometry":{"type":"Point","coordinates":[121.53,29.87,12]},
                  "properties":{"id":7,"age_0_2":1,"age_3_5":2,"age_6_14":3,"age_15_59":4,"age_60_64":5,
                                "age_65_plus":6,"name":"ignored"}},
                 {"type":"Feature","geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]},"properties":{}},
                 {"type":"Feature","geometry":{"type":"Point","coordinates":[121.53,29.87]},
                  "properties":{"id":"s","age_0_2":"1","age_3_5":2,"age_6_14":3,"age_15_59":4,"age_60_64":5,
                                "age_65_plus":6}}]}""";
        PopulationImportParser.Parsed parsed = PopulationImportParser.geoJson(
                JsonMapper.builder().build().readTree(json), CoordSys.WGS84);
        assertThat(parsed.rows()).hasSize(1);
        assertThat(parsed.rows().get(0).id()).isEqualTo("7");
        assertThat(parsed.problems()).extracting(p -> p.row() + ":" + p.field() + ":" + p.code())
                .containsExactly("2:geometry:NOT_A_POINT", "3:age_0_2:INVALID_NUMBER");
    }

    @Test
    void aHeaderWithoutRequiredColumnsIsRefusedAsAWhole() {
        assertThatThrownBy(() -> PopulationImportParser.csv("id,lon,lat,extra\n1,2,3,4\n", CoordSys.WGS84))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errors()).extracting(p -> p.code()).contains("UNKNOWN_COLUMN", "MISSING_COLUMN");
                });
    }
}
