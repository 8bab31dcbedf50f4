package cn.servicecircle.site.osm;

import com.carrotsearch.hppc.LongArrayList;
import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.LongObjectHashMap;
import com.graphhopper.reader.ReaderElement;
import com.graphhopper.reader.ReaderNode;
import com.graphhopper.reader.ReaderWay;
import com.graphhopper.reader.osm.OSMInputFile;
import com.graphhopper.reader.osm.SkipOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads OSM nodes and ways tagged as public services from a PBF and maps them to categories.
 *
 * <p>Tag mapping ({@link #classify}):
 * <table>
 *   <caption>OSM tags → category/subtype</caption>
 *   <tr><td>amenity=kindergarten</td><td>school/kindergarten</td></tr>
 *   <tr><td>amenity=childcare</td><td>childcare/nursery</td></tr>
 *   <tr><td>amenity=school|college|university</td><td>school/kindergarten, primary, middle, high, elder_school
 *       or other by {@link SchoolLevel}: {@code isced:level}, then {@code school}/{@code school:*}, then the
 *       name; what says nothing is other, never primary</td></tr>
 *   <tr><td>amenity=clinic</td><td>clinic/community_health_station (Chinese community health stations
 *       are mapped as clinics)</td></tr>
 *   <tr><td>amenity=doctors</td><td>clinic/other (a private practice is not a community station)</td></tr>
 *   <tr><td>amenity=hospital</td><td>clinic/hospital</td></tr>
 *   <tr><td>amenity=social_facility + social_facility=nursing_home|assisted_living</td><td>elder_care/nursing_home</td></tr>
 *   <tr><td>amenity=social_facility + social_facility=day_care + social_facility:for=senior</td><td>elder_care/home_care_station</td></tr>
 *   <tr><td>other amenity=social_facility</td><td>assistance/assistance_station</td></tr>
 *   <tr><td>amenity=community_centre</td><td>not imported: in OSM it is a generic meeting place, and
 *       counting it would overstate assistance coverage; a street office can add real 助联体 stations</td></tr>
 * </table>
 * Parts of a site (tagged {@code indoor} or {@code buildingpart}, e.g. a lecture room mapped as
 * amenity=university) are not sites. Relations (multipolygons) are not read; two passes over the file (ways, then
 * nodes) keep memory to the coordinates of matching ways.
 */
public final class OsmSiteImporter {

    private OsmSiteImporter() {
    }

    /** Category and subtype of a tag set. */
    public record Classification(String category, String subtype) {
    }

    /** Reads all matching nodes and ways, sorted by category, subtype, external id. */
    public static List<OsmSite> read(Path pbf) {
        List<ReaderWay> ways = new ArrayList<>();
        LongHashSet wayNodeIds = new LongHashSet();
        each(pbf, new SkipOptions(true, false, true), el -> {
            if (el instanceof ReaderWay w && classify(w).isPresent()) {
                ways.add(w);
                LongArrayList ids = w.getNodes();
                for (int i = 0; i < ids.size(); i++) {
                    wayNodeIds.add(ids.get(i));
                }
            }
        });
        List<OsmSite> sites = new ArrayList<>();
        LongObjectHashMap<double[]> coords = new LongObjectHashMap<>();
        each(pbf, new SkipOptions(false, true, true), el -> {
            if (el instanceof ReaderNode n) {
                if (wayNodeIds.contains(n.getId())) {
                    coords.put(n.getId(), new double[]{n.getLon(), n.getLat()});
                }
                classify(n).ifPresent(c -> sites.add(site("osm:node/" + n.getId(), c, n, n.getLon(), n.getLat())));
            }
        });
        for (ReaderWay w : ways) {
            LongArrayList ids = w.getNodes();
            int count = ids.size();
            if (count > 1 && ids.get(0) == ids.get(count - 1)) {
                count--; // closed way: the first node is repeated at the end
            }
            double lon = 0, lat = 0;
            int found = 0;
            for (int i = 0; i < count; i++) {
                double[] c = coords.get(ids.get(i));
                if (c != null) {
                    lon += c[0];
                    lat += c[1];
                    found++;
                }
            }
            if (found > 0) {
                sites.add(site("osm:way/" + w.getId(), classify(w).orElseThrow(), w, lon / found, lat / found));
            }
        }
        sites.sort(Comparator.comparing(OsmSite::category).thenComparing(OsmSite::subtype)
                .thenComparing(OsmSite::externalId));
        return sites;
    }

    private static OsmSite site(String id, Classification c, ReaderElement el, double lon, double lat) {
        String name = firstNonBlank(el.getTag("name:zh"), el.getTag("name"));
        if (name == null) {
            name = "unnamed " + c.subtype().replace('_', ' ');
        }
        String cap = el.getTag("capacity");
        Integer capacity = null;
        if (cap != null && cap.trim().matches("\\d{1,9}")) {
            capacity = Integer.valueOf(cap.trim());
        }
        return new OsmSite(id, c.category(), c.subtype(), name, lon, lat,
                firstNonBlank(el.getTag("opening_hours")),
                firstNonBlank(el.getTag("phone"), el.getTag("contact:phone")), capacity);
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }

    /** Maps a tag set to category/subtype, or empty when it is not a site we import. */
    public static Optional<Classification> classify(ReaderElement el) {
        String amenity = el.getTag("amenity");
        if (amenity == null || el.hasTag("indoor") || el.hasTag("buildingpart")) {
            return Optional.empty();
        }
        return switch (amenity) {
            case "kindergarten" -> Optional.of(new Classification("school", "kindergarten"));
            case "childcare" -> Optional.of(new Classification("childcare", "nursery"));
            case "school", "college", "university" ->
                    Optional.of(new Classification("school", SchoolLevel.of(amenity, el.getTags())));
            case "clinic" -> Optional.of(new Classification("clinic", "community_health_station"));
            case "doctors" -> Optional.of(new Classification("clinic", "other"));
            case "hospital" -> Optional.of(new Classification("clinic", "hospital"));
            case "social_facility" -> Optional.of(socialFacility(el));
            default -> Optional.empty();
        };
    }

    private static Classification socialFacility(ReaderElement el) {
        String type = el.getTag("social_facility", "");
        String forWhom = el.getTag("social_facility:for", "");
        if (type.equals("nursing_home") || type.equals("assisted_living")) {
            return new Classification("elder_care", "nursing_home");
        }
        if (type.equals("day_care") && forWhom.contains("senior")) {
            return new Classification("elder_care", "home_care_station");
        }
        return new Classification("assistance", "assistance_station");
    }

    private interface ElementConsumer {
        void accept(ReaderElement el);
    }

    private static void each(Path pbf, SkipOptions skip, ElementConsumer consumer) {
        OSMInputFile in = null;
        try {
            in = new OSMInputFile(pbf.toFile()).setWorkerThreads(1).setSkipOptions(skip).open();
            ReaderElement el;
            while ((el = in.getNext()) != null) {
                consumer.accept(el);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + pbf, e);
        } finally {
            if (in != null) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // closing a read-only file
                }
            }
        }
    }
}
