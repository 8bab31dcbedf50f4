/**
 * Reads service sites (kindergartens, schools, clinics, elder care, assistance) from an OSM PBF and
 * maps OSM tags to the service circle's categories and subtypes. Uses GraphHopper's OSM reader
 * ({@code com.graphhopper.reader.osm.OSMInputFile}, which wraps osmosis-osm-binary); that
 * dependency stays inside this package. Output is plain records and CSV.
 */
package cn.servicecircle.site.osm;
