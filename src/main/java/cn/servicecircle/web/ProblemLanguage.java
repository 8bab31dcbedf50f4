package cn.servicecircle.web;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;

/**
 * Which language a problem's title is written in, and the titles: Chinese or English by {@code Accept-Language}
 * (the first of zh/en it ranks highest); without a usable header, Chinese on the residents' endpoints (their
 * mini-program shows the text) and English on the others (developers and planners' tools). The {@code code} stays
 * the stable contract in every language. Titles by code are in {@code messages/problems_{zh,en}.properties}.
 */
public final class ProblemLanguage {
    /** Languages a problem can be written in. */
    public enum Lang {
        ZH("zh-CN"), EN("en");

        private final String tag;

        Lang(String tag) {
            this.tag = tag;
        }

        /** @return the Content-Language value */
        public String tag() {
            return tag;
        }
    }

    private static final List<String> RESIDENT_PATHS = List.of("/v1/nearby", "/v1/reach", "/v1/sites",
            "/v1/site-types", "/v1/areas", "/v1/changes", "/v1/tiles/");
    private static final Map<Lang, Properties> TITLES = Map.of(Lang.ZH, load("zh"), Lang.EN, load("en"));

    private ProblemLanguage() {
    }

    /** Loads the titles (class initialisation reads two files); call once at start, off the event loop. */
    static void preload() {
        TITLES.size();
    }

    private static Properties load(String lang) {
        Properties p = new Properties();
        try (Reader in = new InputStreamReader(new ClassPathResource("messages/problems_" + lang + ".properties")
                .getInputStream(), StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /**
     * @param acceptLanguage the request's Accept-Language, null when absent; a malformed one counts as absent
     * @param path           the request path, for the default
     */
    public static Lang of(String acceptLanguage, String path) {
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            try {
                for (Locale.LanguageRange r : Locale.LanguageRange.parse(acceptLanguage)) {
                    if (r.getWeight() <= 0) {
                        continue;
                    }
                    String range = r.getRange().toLowerCase(Locale.ROOT);
                    if (range.equals("zh") || range.startsWith("zh-")) {
                        return Lang.ZH;
                    }
                    if (range.equals("en") || range.startsWith("en-")) {
                        return Lang.EN;
                    }
                    if (range.equals("*")) {
                        break;
                    }
                }
            } catch (IllegalArgumentException malformed) {
                // fall through to the default
            }
        }
        return byPath(path);
    }

    /** The default when the client states no usable preference. */
    public static Lang byPath(String path) {
        for (String p : RESIDENT_PATHS) {
            if (path != null && path.startsWith(p)) {
                return Lang.ZH;
            }
        }
        return Lang.EN;
    }

    /** @return the title of {@code code} in {@code lang}; for a code without one, the HTTP status's reason */
    public static String title(String code, int status, Lang lang) {
        String t = TITLES.get(lang).getProperty(code);
        if (t != null) {
            return t;
        }
        HttpStatus s = HttpStatus.resolve(status);
        if (lang == Lang.ZH) {
            return status >= 500 ? "服务错误" : "请求错误";
        }
        return s == null ? "HTTP " + status : s.getReasonPhrase();
    }

    /** @return whether {@code code} has a title in every language */
    public static boolean known(String code) {
        return TITLES.values().stream().allMatch(p -> p.containsKey(code));
    }
}
