package cn.servicecircle.geodata;

import cn.servicecircle.coord.LonLat;

import java.util.List;

/**
 * One of Haishu's 17 township-level units, with the approximate centre used to seed the SYNTHETIC
 * Voronoi unit polygons.
 *
 * @param code 9-digit statistics-bureau code (330203001–009 街道, 100–106 镇, 200 乡)
 * @param nameZh official name, e.g. 南门街道
 * @param nameEn pinyin name, e.g. "Nanmen Subdistrict"
 * @param kind street (街道), town (镇) or township (乡)
 * @param seedWgs84 approximate centre, WGS84 degrees; an approximation from general geography, not
 *     a surveyed point
 */
public record HaishuUnit(String code, String nameZh, String nameEn, Kind kind, LonLat seedWgs84) {

    /** The administrative kind; {@link #code()} is the value in units.csv. */
    public enum Kind {
        STREET("street", "街道", "Subdistrict"),
        TOWN("town", "镇", "Town"),
        TOWNSHIP("township", "乡", "Township");

        private final String code;
        private final String suffixZh;
        private final String suffixEn;

        Kind(String code, String suffixZh, String suffixEn) {
            this.code = code;
            this.suffixZh = suffixZh;
            this.suffixEn = suffixEn;
        }

        public String code() {
            return code;
        }

        public String suffixZh() {
            return suffixZh;
        }

        public String suffixEn() {
            return suffixEn;
        }

        /** The kind from a Chinese unit name's suffix (街道/镇/乡). */
        public static Kind ofNameZh(String nameZh) {
            for (Kind k : values()) {
                if (nameZh.endsWith(k.suffixZh)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown unit kind: " + nameZh);
        }
    }

    /** The name without its kind suffix, e.g. 南门. */
    public String shortNameZh() {
        return nameZh.substring(0, nameZh.length() - kind.suffixZh.length());
    }

    /** Pinyin stem and approximate WGS84 centre per code; the source of truth for names is units.csv. */
    record Seed(String code, String pinyin, LonLat centreWgs84) {}

    /**
     * Approximate centres (WGS84) chosen from general geography: the seven old-town streets around
     * Moon Lake and the Sanjiangkou confluence, 望春 north-west and 石碶 south of them, the towns
     * westwards, the Siming mountains (章水) in the far west. SYNTHETIC inputs, not survey data.
     */
    static final List<Seed> SEEDS = List.of(
            new Seed("330203001", "Nanmen", new LonLat(121.538, 29.860)),
            new Seed("330203002", "Jiangxia", new LonLat(121.549, 29.873)),
            new Seed("330203003", "Ximen", new LonLat(121.527, 29.874)),
            new Seed("330203004", "Yuehu", new LonLat(121.538, 29.868)),
            new Seed("330203005", "Gulou", new LonLat(121.543, 29.879)),
            new Seed("330203006", "Baiyun", new LonLat(121.514, 29.864)),
            new Seed("330203007", "Duantang", new LonLat(121.520, 29.845)),
            new Seed("330203008", "Wangchun", new LonLat(121.495, 29.890)),
            new Seed("330203009", "Shiqi", new LonLat(121.500, 29.800)),
            new Seed("330203100", "Gaoqiao", new LonLat(121.455, 29.892)),
            new Seed("330203101", "Hengjie", new LonLat(121.385, 29.880)),
            new Seed("330203102", "Jishigang", new LonLat(121.430, 29.862)),
            new Seed("330203103", "Gulin", new LonLat(121.465, 29.830)),
            new Seed("330203104", "Dongqiao", new LonLat(121.410, 29.800)),
            new Seed("330203105", "Yinjiang", new LonLat(121.345, 29.785)),
            new Seed("330203106", "Zhangshui", new LonLat(121.240, 29.800)),
            new Seed("330203200", "Longguan", new LonLat(121.295, 29.765)));
}
