package cn.servicecircle.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Checks live responses against api-spec/openapi.yaml: the operation and status must be documented, the content
 * type must match, and the body must validate against the documented JSON Schema (OpenAPI 3.1 = JSON Schema
 * 2020-12). Records which operations were seen, so a test can require that every documented one was exercised.
 */
public final class OpenApiContract {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNode SPEC = load();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();
    /** "METHOD /template status" seen by validate. */
    public static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    private OpenApiContract() {
    }

    private static JsonNode load() {
        try {
            Object yaml = new Yaml().load(Files.readString(Path.of("api-spec/openapi.yaml")));
            return MAPPER.valueToTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return every documented "METHOD /template" */
    public static Set<String> operations() {
        Set<String> ops = new LinkedHashSet<>();
        SPEC.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
            if (!m.equals("parameters")) {
                ops.add(m.toUpperCase() + " " + p.getKey());
            }
        }));
        return ops;
    }

    /** Validates one exchange; fails the test with the schema errors when it does not match. */
    public static void validate(EntityExchangeResult<byte[]> result) {
        validate(result.getMethod().name(), result.getUrl().getPath(), result.getStatus().value(),
                result.getResponseHeaders().getContentType(), result.getResponseBodyContent());
    }

    /** Validates one response given by its parts (for raw-socket exchanges); fails the test when it does not match. */
    public static void validate(String method, String path, int status, MediaType type, byte[] body) {
        String template = template(path);
        assertThat(template).as("path %s is documented", path).isNotNull();
        JsonNode operation = SPEC.get("paths").get(template).get(method.toLowerCase());
        assertThat(operation).as("%s %s is documented", method, template).isNotNull();
        JsonNode response = resolve(operation.get("responses").get(Integer.toString(status)));
        assertThat(response).as("%s %s documents status %d", method, template, status).isNotNull();
        SEEN.add(method + " " + template + " " + status);
        JsonNode content = response.get("content");
        if (content == null) {
            assertThat(body == null || body.length == 0).as("%s %s %d has no body", method, template, status).isTrue();
            return;
        }
        assertThat(type).as("content type of %s %s %d", method, template, status).isNotNull();
        String mediaType = type.getType() + "/" + type.getSubtype();
        JsonNode media = content.get(mediaType);
        assertThat(media).as("%s %s %d documents content type %s", method, template, status, mediaType).isNotNull();
        String key = method + " " + template + " " + status + " " + mediaType;
        if (!isJson(type)) {
            // not JSON (CSV, YAML, event streams, tiles): no JSON Schema check: the documented type and a body are what can be checked here; the tests parse it
            assertThat(body).as("%s has a body", key).isNotEmpty();
            return;
        }
        JsonSchema schema = SCHEMAS.computeIfAbsent(key, k -> schemaFor(media.get("schema")));
        JsonNode instance;
        try {
            instance = MAPPER.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("Response of " + key + " is not JSON", e);
        }
        Set<ValidationMessage> errors = schema.validate(instance);
        assertThat(errors).as("%s response body matches the spec; body: %s", key, instance).isEmpty();
    }

    /** JSON, problem+json, GeoJSON: everything else (CSV, YAML, event streams, vector tiles) has no JSON Schema check. */
    public static boolean isJson(org.springframework.http.MediaType type) {
        return type != null && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
    }

    private static JsonSchema schemaFor(JsonNode schema) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("components", SPEC.get("components"));
        root.set("allOf", MAPPER.createArrayNode().add(schema));
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root);
    }

    private static JsonNode resolve(JsonNode node) {
        if (node != null && node.has("$ref")) {
            String[] parts = node.get("$ref").asText().substring(2).split("/");
            JsonNode target = SPEC;
            for (String part : parts) {
                target = target.get(part);
            }
            return target;
        }
        return node;
    }

    /** The documented template of a path; a literal segment wins over a variable (/v1/sites/import, not {id}). */
    private static String template(String path) {
        Iterator<String> it = SPEC.get("paths").fieldNames();
        String best = null;
        while (it.hasNext()) {
            String t = it.next();
            String regex = "^" + t.replaceAll("\\{[^/]+}", "[^/]+") + "$";
            if (Pattern.matches(regex, path) && (best == null || variables(t) < variables(best))) {
                best = t;
            }
        }
        return best;
    }

    private static long variables(String template) {
        return template.chars().filter(c -> c == '{').count();
    }
}
