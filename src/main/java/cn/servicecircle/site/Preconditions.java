package cn.servicecircle.site;

import java.util.HashSet;
import java.util.Set;

/**
 * An {@code If-Match} or {@code If-None-Match} header as the site registry understands it: entity tags are site
 * versions written as RFC 9110 opaque tags ({@code "3"}); {@code *} matches any version of an existing site.
 * <p>
 * The comparison follows RFC 9110 §8.8.3.2: a tag matches version {@code n} only when its opaque tag is exactly
 * {@code "n"} as this service sends it in {@code ETag} — character for character, so {@code "+3"}, {@code "03"} and
 * {@code " 3"} are other tags and match nothing. If-Match uses the strong comparison (a weak tag {@code W/"3"}
 * never matches, §13.1.1), If-None-Match the weak one (§13.1.2).
 * <p>
 * A header that is not a list of entity tags (an unquoted {@code 3}, {@code "3} or {@code 3"}, {@code ""3""})
 * matches nothing either: a write with it gets 412 VERSION_CONFLICT saying how tags are written, a read a normal
 * 200. It is not refused with 400 because RFC 9110 gives such a header no meaning beyond "no tag matches", and the
 * client's fix (re-read, send the ETag as given) is the same as for a stale tag.
 *
 * @param any          the header was {@code *}
 * @param tags         the opaque tags listed (without quotes) that can match; weak ones only for If-None-Match
 * @param ignoredWeak  an If-Match header listed weak tags, which were ignored (lets the 412 say why)
 * @param malformed    some list member was not an entity tag (lets the 412 say why)
 */
public record Preconditions(boolean any, Set<String> tags, boolean ignoredWeak, boolean malformed) {

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
            return new Preconditions(true, Set.of(), false, false);
        }
        Set<String> tags = new HashSet<>();
        boolean ignoredWeak = false;
        boolean malformed = false;
        // opaque tags cannot contain a comma or a quote (etagc), so splitting on commas keeps every tag whole
        for (String member : header.split(",", -1)) {
            String t = member.strip();
            if (t.isEmpty()) {
                continue; // RFC 9110 §5.6.1: empty list elements are ignored
            }
            boolean weak = t.startsWith("W/");
            String opaque = weak ? t.substring(2) : t;
            if (!isOpaqueTag(opaque)) {
                malformed = true;
            } else if (weak && strong) {
                ignoredWeak = true;
            } else {
                tags.add(opaque.substring(1, opaque.length() - 1));
            }
        }
        return new Preconditions(false, Set.copyOf(tags), ignoredWeak, malformed);
    }

    /** RFC 9110 opaque-tag: DQUOTE *etagc DQUOTE, etagc = %x21 / %x23-7E / obs-text. */
    private static boolean isOpaqueTag(String s) {
        if (s.length() < 2 || s.charAt(0) != '"' || s.charAt(s.length() - 1) != '"') {
            return false;
        }
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (!(c == 0x21 || (c >= 0x23 && c <= 0x7E) || (c >= 0x80 && c <= 0xFF))) {
                return false;
            }
        }
        return true;
    }

    /** @return whether the header matches the site at {@code version} (its ETag is {@code "version"}) */
    public boolean matches(int version) {
        return any || tags.contains(Integer.toString(version));
    }
}
