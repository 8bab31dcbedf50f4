package cn.servicecircle.site;

import java.util.Set;

/**
 * An {@code If-Match} or {@code If-None-Match} header as the site registry understands it: entity tags are site
 * versions ({@code "3"}); weak tags compare by value; {@code *} matches any version.
 *
 * @param any      the header was {@code *}
 * @param versions the listed versions; tags that are not versions of ours are dropped (they match nothing)
 */
public record Preconditions(boolean any, Set<Integer> versions) {

    /** @return the parsed header, or null when the header is absent or blank */
    public static Preconditions parse(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        if (header.trim().equals("*")) {
            return new Preconditions(true, Set.of());
        }
        java.util.Set<Integer> versions = new java.util.HashSet<>();
        for (String tag : header.split(",")) {
            String v = tag.trim().replaceFirst("^W/", "").replace("\"", "");
            try {
                versions.add(Integer.parseInt(v));
            } catch (NumberFormatException e) {
                // not one of our tags: matches no version
            }
        }
        return new Preconditions(false, Set.copyOf(versions));
    }

    /** @return whether the header matches the site at {@code version} */
    public boolean matches(int version) {
        return any || versions.contains(version);
    }
}
