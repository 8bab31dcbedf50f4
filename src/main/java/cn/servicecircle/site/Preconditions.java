package cn.servicecircle.site;

import java.util.HashSet;
import java.util.Set;

/**
 * An {@code If-Match} or {@code If-None-Match} header as the site registry understands it: entity tags are site
 * versions ({@code "3"}); {@code *} matches any version of an existing site. The comparison follows RFC 9110:
 * If-Match uses the strong comparison (a weak tag {@code W/"3"} never matches, §13.1.1), If-None-Match the weak one
 * (§13.1.2).
 *
 * @param any          the header was {@code *}
 * @param versions     the listed versions that can match; tags that are not versions of ours are dropped (they
 *                     match nothing)
 * @param ignoredWeak  an If-Match header listed weak tags, which were ignored (lets the 412 say why)
 */
public record Preconditions(boolean any, Set<Integer> versions, boolean ignoredWeak) {

    /** @return the parsed If-Match header (strong comparison), or null when absent or blank */
    public static Preconditions ifMatch(String header) {
        return parse(header, true);
    }

    /** @return the parsed If-None-Match header (weak comparison), or null when absent or blank */
    public static Preconditions ifNoneMatch(String header) {
        return parse(header, false);
    }

    private static Preconditions parse(String header, boolean strong) {
        if (header == null || header.isBlank()) {
            return null;
        }
        if (header.trim().equals("*")) {
            return new Preconditions(true, Set.of(), false);
        }
        Set<Integer> versions = new HashSet<>();
        boolean ignoredWeak = false;
        for (String tag : header.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) {
                if (strong) {
                    ignoredWeak = true;
                    continue;
                }
                t = t.substring(2);
            }
            try {
                versions.add(Integer.parseInt(t.replace("\"", "")));
            } catch (NumberFormatException e) {
                // not one of our tags: matches no version
            }
        }
        return new Preconditions(false, Set.copyOf(versions), ignoredWeak);
    }

    /** @return whether the header matches the site at {@code version} */
    public boolean matches(int version) {
        return any || versions.contains(version);
    }
}
