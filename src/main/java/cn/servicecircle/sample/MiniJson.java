package cn.servicecircle.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader, enough for the GeoJSON and OSM extracts of the sample data (kept here so the
 * generator needs nothing beyond the JDK and JTS).
 *
 * <p>Contract: objects become {@link LinkedHashMap}{@code <String,Object>} (key order kept), arrays
 * {@link ArrayList}, strings {@link String}, numbers {@link Double}, booleans {@link Boolean}, null
 * {@code null}. Malformed input throws {@link IllegalArgumentException} with the character offset.
 */
public final class MiniJson {
    private final String s;
    private int pos;

    private MiniJson(String s) {
        this.s = s;
    }

    /** Parses a whole JSON text (a leading UTF-8 BOM is ignored). */
    public static Object parse(String text) {
        MiniJson p = new MiniJson(stripBom(text));
        p.ws();
        Object v = p.value();
        p.ws();
        if (p.pos != p.s.length()) {
            throw p.error("trailing characters");
        }
        return v;
    }

    /**
     * The raw, unmodified source text of each element of the array under {@code key} in the
     * top-level object, e.g. the features of a FeatureCollection. Empty if the key is absent.
     */
    public static List<String> rawArrayElements(String text, String key) {
        MiniJson p = new MiniJson(stripBom(text));
        List<String> out = new ArrayList<>();
        p.ws();
        p.expect('{');
        p.ws();
        if (p.peek() == '}') {
            return out;
        }
        while (true) {
            p.ws();
            String k = p.string();
            p.ws();
            p.expect(':');
            p.ws();
            if (k.equals(key) && p.peek() == '[') {
                p.pos++;
                p.ws();
                if (p.peek() == ']') {
                    p.pos++;
                } else {
                    while (true) {
                        p.ws();
                        int start = p.pos;
                        p.value();
                        out.add(p.s.substring(start, p.pos));
                        p.ws();
                        char c = p.next();
                        if (c == ']') {
                            break;
                        }
                        if (c != ',') {
                            throw p.error("expected , or ]");
                        }
                    }
                }
            } else {
                p.value();
            }
            p.ws();
            char c = p.next();
            if (c == '}') {
                return out;
            }
            if (c != ',') {
                throw p.error("expected , or }");
            }
        }
    }

    private static String stripBom(String t) {
        return t.startsWith("\uFEFF") ? t.substring(1) : t;
    }

    private Object value() {
        char c = peek();
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return null;
            default:
                return number();
        }
    }

    private Map<String, Object> object() {
        expect('{');
        Map<String, Object> m = new LinkedHashMap<>();
        ws();
        if (peek() == '}') {
            pos++;
            return m;
        }
        while (true) {
            ws();
            String k = string();
            ws();
            expect(':');
            ws();
            m.put(k, value());
            ws();
            char c = next();
            if (c == '}') {
                return m;
            }
            if (c != ',') {
                throw error("expected , or }");
            }
        }
    }

    private List<Object> array() {
        expect('[');
        List<Object> l = new ArrayList<>();
        ws();
        if (peek() == ']') {
            pos++;
            return l;
        }
        while (true) {
            ws();
            l.add(value());
            ws();
            char c = next();
            if (c == ']') {
                return l;
            }
            if (c != ',') {
                throw error("expected , or ]");
            }
        }
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return b.toString();
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (pos + 4 > s.length()) {
                        throw error("bad \\u escape");
                    }
                    b.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> throw error("bad escape \\" + e);
            }
        }
    }

    private Double number() {
        int start = pos;
        while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
            pos++;
        }
        if (start == pos) {
            throw error("unexpected character");
        }
        try {
            return Double.valueOf(s.substring(start, pos));
        } catch (NumberFormatException e) {
            throw error("bad number");
        }
    }

    private void literal(String word) {
        if (!s.startsWith(word, pos)) {
            throw error("expected " + word);
        }
        pos += word.length();
    }

    private void ws() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    private char peek() {
        if (pos >= s.length()) {
            throw error("unexpected end");
        }
        return s.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            pos--;
            throw error("expected " + c);
        }
    }

    private IllegalArgumentException error(String msg) {
        return new IllegalArgumentException("JSON: " + msg + " at offset " + pos);
    }
}
