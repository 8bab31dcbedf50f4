package cn.servicecircle.site;

import static cn.servicecircle.support.Http.auth;
import static cn.servicecircle.support.Http.authIfMatch;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import cn.servicecircle.support.Http;
import cn.servicecircle.support.Http.Response;
import cn.servicecircle.support.ReliabilityTestBase;

/**
 * Issue #6: 20 editors × 25 read-modify-write PATCHes of one site with If-Match. Optimistic concurrency must lose
 * nothing and invent nothing: the final value counts the successful writes, the history has exactly that many
 * entries, and every refused write is a 412.
 */
class ConcurrentEditorsTest extends ReliabilityTestBase {

    @Test
    void twentyEditorsIncrementingOneCounter() throws Exception {
        Http http = new Http(web);
        Response created = http.call(HttpMethod.POST, "/v1/sites", """
                {"category":"childcare","subtype":"nursery","name":"并发编辑测试","location":{"lon":121.5436,"lat":29.87},
                 "capacity":{"slots":0}}""", auth());
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String id = created.json().get("id").asText();
        AtomicInteger ok = new AtomicInteger();
        Map<Integer, AtomicInteger> refused = new ConcurrentHashMap<>();
        ExecutorService editors = Executors.newFixedThreadPool(20);
        List<Future<?>> done = new ArrayList<>();
        for (int e = 0; e < 20; e++) {
            done.add(editors.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    Response read = http.get("/v1/sites/" + id);
                    int slots = read.json().at("/capacity/slots").asInt();
                    Response write = http.call(HttpMethod.PATCH, "/v1/sites/" + id,
                            "{\"capacity\":{\"slots\":" + (slots + 1) + "}}", authIfMatch(read.headers().getETag()));
                    if (write.status() == 200) {
                        ok.incrementAndGet();
                    } else {
                        refused.computeIfAbsent(write.status(), s -> new AtomicInteger()).incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        editors.shutdown();
        assertThat(refused.keySet()).as("every refused write is a 412").isSubsetOf(412);
        assertThat(ok.get() + refused.getOrDefault(412, new AtomicInteger()).get()).isEqualTo(500);
        Response now = http.get("/v1/sites/" + id);
        assertThat(now.json().at("/capacity/slots").asInt()).as("no lost update").isEqualTo(ok.get());
        assertThat(now.headers().getETag()).isEqualTo("\"" + (1 + ok.get()) + "\"");
        Response history = http.getAuthorized("/v1/sites/" + id + "/history");
        assertThat(history.json().get("revisions").size()).as("create + one entry per successful write")
                .isEqualTo(1 + ok.get());
        assertThat(ok.get()).as("some writes won").isPositive();
    }
}
