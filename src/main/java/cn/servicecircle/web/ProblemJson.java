package cn.servicecircle.web;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The one place an RFC 9457 problem body is written, for errors raised inside Spring
 * ({@link ProblemWebExceptionHandler}) and for those the server answers below it ({@link HttpEdge}).
 * Contract: the body has {@code type, title, status, code, detail, instance}, plus {@code field} (the first
 * offending field) and {@code errors} when the problem names fields; UTF-8 JSON.
 */
public final class ProblemJson {
    private final JsonMapper json;

    public ProblemJson(JsonMapper json) {
        this.json = json;
        // read the titles now, at start: first reading them while answering would block an event loop
        ProblemLanguage.preload();
    }

    /**
     * @param problem  status, code, detail and offending fields
     * @param instance the request path the problem occurred on (not echoed when it could not be parsed)
     * @return the problem+json body
     */
    public byte[] render(ApiException problem, String instance) {
        return render(problem, instance, ProblemLanguage.byPath(instance));
    }

    /**
     * @param lang the language of the title (see {@link ProblemLanguage}); detail stays as raised (English, naming
     *             fields and values exactly)
     */
    public byte[] render(ApiException problem, String instance, ProblemLanguage.Lang lang) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:service-circle:problem:" + problem.code());
        body.put("title", ProblemLanguage.title(problem.code(), problem.status(), lang));
        body.put("status", problem.status());
        body.put("code", problem.code());
        body.put("detail", problem.getMessage());
        body.put("instance", instance);
        if (!problem.errors().isEmpty()) {
            body.put("field", problem.errors().get(0).field());
            body.put("errors", problem.errors());
        }
        return json.writeValueAsBytes(body);
    }
}
