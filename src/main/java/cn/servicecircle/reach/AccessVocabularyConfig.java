package cn.servicecircle.reach;

import java.util.ArrayList;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.servicecircle.access.AccessVocabulary;
import cn.servicecircle.access.AgeRange;
import cn.servicecircle.access.DemandGroup;
import cn.servicecircle.access.ServiceRule;
import cn.servicecircle.site.SiteCategory;

/** Builds the one {@link AccessVocabulary} from configuration; an unknown category stops the start naming it. */
@Configuration
public class AccessVocabularyConfig {

    @Bean
    public AccessVocabulary accessVocabulary(ReachProperties reach, AccessProperties access) {
        // the thresholds first, so each group rule carries its subtype's threshold
        AccessVocabulary thresholdsOnly = new AccessVocabulary(reach.thresholdMeters(), List.of());
        List<DemandGroup> groups = new ArrayList<>();
        for (AccessProperties.Group g : access.groups()) {
            List<ServiceRule> rules = new ArrayList<>();
            for (String serves : g.serves()) {
                String[] parts = serves.split("/", 2);
                if (SiteCategory.fromWire(parts[0]).isEmpty()) {
                    throw new IllegalArgumentException("sc.access.groups[" + g.code() + "].serves: unknown category '"
                            + parts[0] + "' in '" + serves + "'");
                }
                rules.add(thresholdsOnly.rule(parts[0], parts[1]));
            }
            groups.add(new DemandGroup(g.code(), g.nameZh(), g.nameEn(), AgeRange.parse(g.ages()), rules));
        }
        return new AccessVocabulary(reach.thresholdMeters(), groups);
    }
}
