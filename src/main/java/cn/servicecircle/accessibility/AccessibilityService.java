package cn.servicecircle.accessibility;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;

import cn.servicecircle.access.AccessVocabulary;
import cn.servicecircle.access.AgeRange;
import cn.servicecircle.access.FloatingCatchment;
import cn.servicecircle.coverage.CoverageService;
import cn.servicecircle.reach.ReachIndex;
import cn.servicecircle.site.SiteCategory;
import reactor.core.publisher.Mono;

/**
 * 2SFCA on the live snapshot and the population cells coverage uses, on the reach scheduler. Not cached: one
 * bounded search per site of one subtype (a few hundred) over the cells near it takes milliseconds.
 */
@Service
public class AccessibilityService {
    private final CoverageService population;
    private final Map<String, FloatingCatchment.Measure> measures = new LinkedHashMap<>();

    /**
     * The answer for some measures on one snapshot.
     *
     * @param snapshot the index snapshot used
     * @param results  per requested measure, in request order
     */
    public record Answer(ReachIndex.Snapshot snapshot, List<FloatingCatchment.Result> results) {
    }

    public AccessibilityService(CoverageService population, AccessVocabulary vocabulary,
                                AccessibilityProperties properties) {
        this.population = population;
        for (AccessibilityProperties.Measure m : properties.measures()) {
            String[] parts = m.serves().split("/", 2);
            if (SiteCategory.fromWire(parts[0]).isEmpty()) {
                throw new IllegalArgumentException("sc.accessibility.measures[" + m.group() + "].serves: unknown category '"
                        + parts[0] + "'");
            }
            if (measures.put(m.group(), new FloatingCatchment.Measure(m.group(), AgeRange.parse(m.ages()), parts[0],
                    parts[1], m.capacity(), vocabulary.thresholdMeters(parts[0], parts[1]))) != null) {
                throw new IllegalArgumentException("sc.accessibility.measures: group " + m.group() + " given twice");
            }
        }
    }

    /** @return the configured measures, in configuration order */
    public List<FloatingCatchment.Measure> measures() {
        return List.copyOf(measures.values());
    }

    public Optional<FloatingCatchment.Measure> measure(String group) {
        return Optional.ofNullable(measures.get(group));
    }

    /**
     * @param catchmentMeters d0 for every measure instead of each subtype's threshold; null to keep those
     * @throws cn.servicecircle.web.ServiceUnavailableException 503 INDEX_LOADING until the index is built
     */
    public Mono<Answer> accessibility(List<FloatingCatchment.Measure> requested, FloatingCatchment.Decay decay,
                                      Integer catchmentMeters) {
        return population.locatedPopulation().map(lp -> {
            List<FloatingCatchment.Result> out = new ArrayList<>();
            for (FloatingCatchment.Measure m : requested) {
                FloatingCatchment.Measure used = catchmentMeters == null ? m : m.withCatchment(catchmentMeters);
                out.add(FloatingCatchment.of(lp.snapshot().access(), used, decay, lp.cells()));
            }
            return new Answer(lp.snapshot(), out);
        });
    }
}
