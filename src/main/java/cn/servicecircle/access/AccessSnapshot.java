package cn.servicecircle.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What is served where, for one set of open sites: built by a pure function from (method, vocabulary, sites), then
 * immutable. Per subtype it holds the sites located once and a nearest-site field bounded at
 * max(threshold, reporting bound), so checks at any point are cheap and every caller — a resident's reach answer,
 * a planner's coverage, a what-if — applies the same rule.
 */
public final class AccessSnapshot {
    private final AccessMethod method;
    private final AccessVocabulary vocabulary;
    private final double reportBoundMeters;
    private final Map<String, ServicePoint> sites;
    private final Map<String, Map<String, Subtype>> subtypes;

    private record Subtype(ServiceRule rule, AccessMethod.LocatedSites located, AccessMethod.NearestField field) {
    }

    private AccessSnapshot(AccessMethod method, AccessVocabulary vocabulary, double reportBoundMeters,
                           Map<String, ServicePoint> sites, Map<String, Map<String, Subtype>> subtypes) {
        this.method = method;
        this.vocabulary = vocabulary;
        this.reportBoundMeters = reportBoundMeters;
        this.sites = sites;
        this.subtypes = subtypes;
    }

    /**
     * Builds a snapshot. Subtypes covered: every subtype of the given sites, every subtype the vocabulary names,
     * and every subtype a demand group needs — those without sites answer "none".
     *
     * @param sites             the open sites; ids unique
     * @param reportBoundMeters nearest sites are reported up to at least this far (beyond a threshold), metres ≥ 0
     */
    public static AccessSnapshot build(AccessMethod method, AccessVocabulary vocabulary, Collection<ServicePoint> sites,
                                       double reportBoundMeters) {
        Map<String, ServicePoint> byId = new LinkedHashMap<>();
        Map<String, Map<String, List<ServicePoint>>> grouped = new TreeMap<>();
        for (ServicePoint s : sites) {
            if (byId.put(s.siteId(), s) != null) {
                throw new IllegalArgumentException("site " + s.siteId() + " given twice");
            }
            grouped.computeIfAbsent(s.category(), k -> new TreeMap<>())
                    .computeIfAbsent(s.subtype(), k -> new ArrayList<>()).add(s);
        }
        for (String category : vocabulary.categories()) {
            grouped.computeIfAbsent(category, k -> new TreeMap<>());
        }
        for (DemandGroup g : vocabulary.groups()) {
            for (ServiceRule r : g.rules()) {
                grouped.computeIfAbsent(r.category(), k -> new TreeMap<>()).computeIfAbsent(r.subtype(), k -> new ArrayList<>());
            }
        }
        Map<String, Map<String, Subtype>> subtypes = new TreeMap<>();
        for (var category : grouped.entrySet()) {
            for (String named : vocabulary.namedSubtypes(category.getKey())) {
                category.getValue().computeIfAbsent(named, k -> new ArrayList<>());
            }
            Map<String, Subtype> bySubtype = new TreeMap<>();
            for (var sub : category.getValue().entrySet()) {
                ServiceRule rule = vocabulary.rule(category.getKey(), sub.getKey());
                AccessMethod.LocatedSites located = method.locateSites(sub.getValue());
                AccessMethod.NearestField field = located.sites().isEmpty() ? p -> null
                        : method.nearestField(located, Math.max(rule.thresholdMeters(), reportBoundMeters));
                bySubtype.put(sub.getKey(), new Subtype(rule, located, field));
            }
            subtypes.put(category.getKey(), bySubtype);
        }
        return new AccessSnapshot(method, vocabulary, reportBoundMeters, java.util.Collections.unmodifiableMap(byId),
                java.util.Collections.unmodifiableMap(subtypes));
    }

    /**
     * A what-if: the same method and vocabulary with sites added, replaced (same id) or removed. This snapshot is
     * unchanged.
     *
     * @param upsert sites to add or replace
     * @param remove ids of sites to remove (unknown ids are ignored)
     */
    public AccessSnapshot with(Collection<ServicePoint> upsert, Collection<String> remove) {
        Map<String, ServicePoint> next = new LinkedHashMap<>(sites);
        remove.forEach(next::remove);
        upsert.forEach(s -> next.put(s.siteId(), s));
        return build(method, vocabulary, next.values(), reportBoundMeters);
    }

    public AccessMethod method() {
        return method;
    }

    public AccessVocabulary vocabulary() {
        return vocabulary;
    }

    /** @return the open sites by id */
    public Map<String, ServicePoint> sites() {
        return sites;
    }

    /** @return the subtypes this snapshot checks for a category, sorted; empty for an unknown category */
    public Set<String> subtypes(String category) {
        return new TreeSet<>(subtypes.getOrDefault(category, Map.of()).keySet());
    }

    /** The check of one subtype at a located point (see {@link SubtypeCheck}). */
    public SubtypeCheck check(Located point, String category, String subtype) {
        Subtype s = subtypes.getOrDefault(category, Map.of()).get(subtype);
        if (s == null) {
            return new SubtypeCheck(category, subtype, vocabulary.thresholdMeters(category, subtype), null, false);
        }
        SiteDistance nearest = s.field().nearest(point);
        return new SubtypeCheck(category, subtype, s.rule().thresholdMeters(), nearest,
                nearest != null && nearest.walkMeters() <= s.rule().thresholdMeters());
    }

    /** @return the checks of every subtype of a category at a point, by subtype */
    public List<SubtypeCheck> checks(Located point, String category) {
        List<SubtypeCheck> out = new ArrayList<>();
        for (String subtype : subtypes(category)) {
            out.add(check(point, category, subtype));
        }
        return out;
    }

    /** @return the checks of a demand group's serving subtypes at a point, in the group's order */
    public List<SubtypeCheck> checks(Located point, DemandGroup group) {
        List<SubtypeCheck> out = new ArrayList<>();
        for (ServiceRule r : group.rules()) {
            out.add(check(point, r.category(), r.subtype()));
        }
        return out;
    }

    /** @return whether a site of any of the group's subtypes is within that subtype's threshold of the point */
    public boolean served(Located point, DemandGroup group) {
        for (ServiceRule r : group.rules()) {
            if (check(point, r.category(), r.subtype()).met()) {
                return true;
            }
        }
        return false;
    }

    /**
     * @return every site of a category (or of all categories when null) within {@code maxMeters} of the point,
     * nearest first
     */
    public List<SiteDistance> within(Located point, String category, double maxMeters) {
        List<SiteDistance> out = new ArrayList<>();
        for (var c : subtypes.entrySet()) {
            if (category == null || c.getKey().equals(category)) {
                for (Subtype s : c.getValue().values()) {
                    if (!s.located().sites().isEmpty()) {
                        out.addAll(method.within(point, s.located(), maxMeters));
                    }
                }
            }
        }
        out.sort(java.util.Comparator.comparingDouble(SiteDistance::walkMeters).thenComparing(SiteDistance::siteId));
        return out;
    }
}
