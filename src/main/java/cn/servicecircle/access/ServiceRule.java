package cn.servicecircle.access;

/**
 * A subtype of sites serving a demand group, and how far a resident may walk to it.
 *
 * @param category        site category, e.g. {@code school}
 * @param subtype         site subtype, e.g. {@code kindergarten}
 * @param thresholdMeters walking distance within which a site of this subtype serves a resident, metres, &gt; 0
 */
public record ServiceRule(String category, String subtype, int thresholdMeters) {
    public ServiceRule {
        if (thresholdMeters <= 0) {
            throw new IllegalArgumentException("threshold must be > 0 m, was " + thresholdMeters);
        }
    }
}
