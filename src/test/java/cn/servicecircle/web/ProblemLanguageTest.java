package cn.servicecircle.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import cn.servicecircle.support.ApiTestBase;
import cn.servicecircle.support.Http;

/** Problem titles in Chinese or English by Accept-Language, Chinese by default for residents; codes unchanged. */
class ProblemLanguageTest extends ApiTestBase {

    Http.Response get(String uri, String acceptLanguage) {
        return new Http(web).call(HttpMethod.GET, uri, null, h -> {
            if (acceptLanguage != null) {
                h.set(HttpHeaders.ACCEPT_LANGUAGE, acceptLanguage);
            }
        });
    }

    @Test
    void residentsGetChineseByDefaultAndEveryoneWhatTheyAskFor() {
        Http.Response resident = get("/v1/nearby?lat=29.87", null);
        assertThat(resident.status()).isEqualTo(400);
        assertThat(resident.headers().getFirst(HttpHeaders.CONTENT_LANGUAGE)).isEqualTo("zh-CN");
        assertThat(resident.json().get("title").asText()).isEqualTo("缺少必填项");
        String code = resident.code();

        Http.Response english = get("/v1/nearby?lat=29.87", "en-GB,en;q=0.9,zh;q=0.5");
        assertThat(english.code()).isEqualTo(code);
        assertThat(english.json().get("title").asText()).isEqualTo("Required");
        assertThat(english.headers().getFirst(HttpHeaders.CONTENT_LANGUAGE)).isEqualTo("en");

        Http.Response planner = get("/v1/coverage?group=teenagers", null);
        assertThat(planner.json().get("title").asText()).isEqualTo("Unknown demand group");
        Http.Response plannerZh = get("/v1/coverage?group=teenagers", "zh-CN,zh;q=0.9,en;q=0.8");
        assertThat(plannerZh.json().get("title").asText()).isEqualTo("未知的人群");
        assertThat(plannerZh.code()).isEqualTo(planner.code()).isEqualTo("UNKNOWN_GROUP");
        assertThat(plannerZh.json().get("detail")).isEqualTo(planner.json().get("detail"));

        // ranked: the first of zh/en with weight wins; others and nonsense fall back to the default
        assertThat(get("/v1/coverage?group=x", "de-DE, en;q=0.5, zh;q=0.4").json().get("title").asText())
                .isEqualTo("Unknown demand group");
        assertThat(get("/v1/coverage?group=x", "fr").json().get("title").asText()).isEqualTo("Unknown demand group");
        assertThat(get("/v1/nearby?lat=29.87", "en;q=0, fr").json().get("title").asText()).isEqualTo("缺少必填项");
        assertThat(get("/v1/nearby?lat=29.87", ";;;=,,").json().get("title").asText()).isEqualTo("缺少必填项");
    }

    /** Every code the service raises has a title in both languages (codes added without one fail here). */
    @Test
    void everyCodeInTheSourceHasBothTitles() throws IOException {
        Set<String> notCodes = Set.of("AGES_65P", "CODE", "HHLD_S", "HTTP_", "NAME", "POPU", "SC_DB_URL", "TRUE",
                "ROLE_");
        Pattern literal = Pattern.compile("\"([A-Z][A-Z0-9_]{3,})\"");
        Set<String> missing = new TreeSet<>();
        Set<String> seen = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = literal.matcher(Files.readString(f));
                while (m.find()) {
                    String code = m.group(1);
                    if (!notCodes.contains(code)) {
                        seen.add(code);
                        if (!ProblemLanguage.known(code)) {
                            missing.add(code + " (" + f.getFileName() + ")");
                        }
                    }
                }
            }
        }
        assertThat(seen).hasSizeGreaterThan(50);
        assertThat(missing).as("codes without a zh and an en title in messages/problems_*.properties").isEmpty();
    }
}
