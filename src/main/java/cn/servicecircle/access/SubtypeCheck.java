package cn.servicecircle.access;

/**
 * One subtype's life-circle check at a point.
 *
 * @param category        site category
 * @param subtype         site subtype
 * @param thresholdMeters the subtype's walking threshold, metres
 * @param nearest         the nearest open site of the subtype within the snapshot's reporting bound; null if none
 * @param met             whether {@code nearest} is within the threshold
 */
public record SubtypeCheck(String category, String subtype, int thresholdMeters, SiteDistance nearest, boolean met) {
}
