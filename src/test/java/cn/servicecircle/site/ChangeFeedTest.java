package cn.servicecircle.site;

import static cn.servicecircle.support.Http.auth;
import static cn.servicecircle.support.Http.authIfMatch;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.FluxExchangeResult;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.servicecircle.support.ApiTestBase;
import cn.servicecircle.support.Http;
import reactor.core.Disposable;

/**
 * The change feed over real HTTP: an edit reaches a listening client, a client that reconnects with Last-Event-ID
 * gets exactly what it missed in order, and a client too far behind is told to re-read.
 */
class ChangeFeedTest extends ApiTestBase {
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** A live subscription collecting events. */
    record Listening(BlockingQueue<ServerSentEvent<String>> events, Disposable subscription) {
        ServerSentEvent<String> next(long seconds) throws InterruptedException {
            ServerSentEvent<String> e = events.poll(seconds, TimeUnit.SECONDS);
            assertThat(e).as("an event within %d s", seconds).isNotNull();
            return e;
        }

        /** The next "site" event of {@code siteId}, skipping others (other tests' and the sample's). */
        JsonNode nextOf(String siteId, long seconds) throws Exception {
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            while (System.nanoTime() < deadline) {
                ServerSentEvent<String> e = events.poll(100, TimeUnit.MILLISECONDS);
                if (e != null && "site".equals(e.event())) {
                    JsonNode data = MAPPER.readTree(e.data());
                    assertThat(e.id()).isEqualTo(data.get("revisionId").asText());
                    if (data.get("siteId").asText().equals(siteId)) {
                        return data;
                    }
                }
            }
            throw new AssertionError("no change of " + siteId + " within " + seconds + " s");
        }
    }

    Listening listen(String lastEventId) {
        FluxExchangeResult<ServerSentEvent<String>> result = web.get().uri("/v1/changes")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(h -> {
                    if (lastEventId != null) {
                        h.set("Last-Event-ID", lastEventId);
                    }
                })
                .exchange().expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() { });
        BlockingQueue<ServerSentEvent<String>> queue = new LinkedBlockingQueue<>();
        Disposable d = result.getResponseBody().subscribe(queue::add);
        return new Listening(queue, d);
    }

    String create(Http http, String name) {
        Http.Response created = http.call(HttpMethod.POST, "/v1/sites", """
                {"category":"elder_care","subtype":"elder_canteen","name":"%s","location":{"lon":121.5436,"lat":29.8700}}"""
                .formatted(name), auth());
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    @Test
    void anEditReachesAListeningClientAndAReconnectMissesNothing() throws Exception {
        Http http = new Http(web);
        Listening first = listen(null);
        ServerSentEvent<String> ready = first.next(10);
        assertThat(ready.event()).isEqualTo("ready");
        create(http, "变更流测试 预热 " + UUID.randomUUID()); // the first write of a fresh context warms up
        String id = create(http, "变更流测试 " + UUID.randomUUID());
        long committed = System.nanoTime();
        JsonNode created = first.nextOf(id, 10);
        System.out.printf("change feed: an edit reached the listening client %d ms after its 201%n",
                (System.nanoTime() - committed) / 1_000_000);
        assertThat(created.get("action").asText()).isEqualTo("create");
        assertThat(created.get("version").asInt()).isEqualTo(1);
        assertThat(created.at("/site/subtype").asText()).isEqualTo("elder_canteen");
        long seen = created.get("revisionId").asLong();
        first.subscription().dispose();

        // offline: three more changes of this site
        Http.Response renamed = http.call(HttpMethod.PATCH, "/v1/sites/" + id, "{\"name\":\"变更流测试 改名\"}",
                authIfMatch("\"1\""));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(http.call(HttpMethod.DELETE, "/v1/sites/" + id, null, authIfMatch("\"2\"")).status()).isEqualTo(200);
        assertThat(http.call(HttpMethod.PATCH, "/v1/sites/" + id, "{\"status\":\"open\"}", authIfMatch("\"3\""))
                .status()).isEqualTo(200);

        Listening again = listen(Long.toString(seen));
        assertThat(again.next(10).event()).isEqualTo("ready");
        List<String> actions = new ArrayList<>();
        long previous = seen;
        for (int version = 2; version <= 4; version++) {
            JsonNode c = again.nextOf(id, 10);
            assertThat(c.get("version").asInt()).isEqualTo(version);
            assertThat(c.get("revisionId").asLong()).isGreaterThan(previous);
            previous = c.get("revisionId").asLong();
            actions.add(c.get("action").asText());
        }
        assertThat(actions).containsExactly("update", "close", "reopen");
        again.subscription().dispose();
    }

    @Test
    void aClientTooFarBehindOrWithABadIdIsToldWhatToDo() {
        Http http = new Http(web);
        String latestProbe = create(http, "变更流测试 窗口 " + UUID.randomUUID());
        JsonNode history = http.get("/v1/sites/" + latestProbe + "/history").json();
        assertThat(history).isNotNull();
        Http.Response behind = http.call(HttpMethod.GET, "/v1/changes?since=0", null, h -> h.setAccept(
                List.of(MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_JSON)));
        assertThat(behind.status()).as("the sample alone has more than 100 revisions").isEqualTo(410);
        assertThat(behind.code()).isEqualTo("CHANGES_GONE");
        assertThat(http.call(HttpMethod.GET, "/v1/changes", null, h -> h.set("Last-Event-ID", "999999999999"))
                .code()).isEqualTo("CHANGES_GONE");
        assertThat(http.call(HttpMethod.GET, "/v1/changes", null, h -> h.set("Last-Event-ID", "abc")).code())
                .isEqualTo("INVALID_PARAMETER");
        assertThat(http.get("/v1/changes?since=-1").code()).isEqualTo("INVALID_PARAMETER");
    }

    @Test
    void aStreamIsNotCutByTheRequestDeadline() throws Exception {
        // the database deadline (10 s for other requests) must not end a feed: a heartbeat or change keeps coming
        Listening l = listen(null);
        assertThat(l.next(10).event()).isEqualTo("ready");
        Thread.sleep(Duration.ofSeconds(11).toMillis());
        String id = create(new Http(web), "变更流测试 长连接 " + UUID.randomUUID());
        assertThat(l.nextOf(id, 10).get("action").asText()).isEqualTo("create");
        l.subscription().dispose();
    }

    /** A plain JDBC connection to the test database, outside the service (its own transactions). */
    static java.sql.Connection jdbc() throws java.sql.SQLException {
        Map<String, Object> p = cn.servicecircle.config.DatabaseUrlEnvironmentPostProcessor.toSpringProperties(
                cn.servicecircle.support.TestDatabase.url());
        java.sql.Connection c = java.sql.DriverManager.getConnection((String) p.get("spring.flyway.url"),
                (String) p.get("spring.flyway.user"), (String) p.get("spring.flyway.password"));
        c.setAutoCommit(false);
        return c;
    }

    /** Appends a revision of {@code site} in the connection's open transaction; returns its id. */
    static long revision(java.sql.Connection c, String site, int version) throws java.sql.SQLException {
        try (var st = c.prepareStatement("""
                INSERT INTO site_revision (site_id, version, action, before, after, actor, actor_role, reason)
                VALUES (CAST(? AS uuid), ?, 'update', '{}', '{"note":"written outside the service"}', 'test', 'admin',
                        'out-of-order commit test') RETURNING id""")) {
            st.setString(1, site);
            st.setInt(2, version);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Ids are drawn at insert, visible at commit: transaction A takes an id, B a higher one, A another and commits while
     * B is open. A feed that advanced by id alone would hand out A's two and never B's. Every one arrives, for a
     * listening client and for one that resumes after the first.
     */
    @Test
    void aRevisionCommittedLateIsNeverSkipped() throws Exception {
        Http http = new Http(web);
        String site = create(http, "变更流测试 乱序 " + UUID.randomUUID());
        Listening live = listen(null); // starts after the site's creation: only what follows
        assertThat(live.next(10).event()).isEqualTo("ready");
        long a1;
        long b;
        long a2;
        try (java.sql.Connection txA = jdbc(); java.sql.Connection txB = jdbc()) {
            a1 = revision(txA, site, 1001);
            b = revision(txB, site, 1002);
            a2 = revision(txA, site, 1003);
            assertThat(a1).isLessThan(b);
            assertThat(b).isLessThan(a2);
            txA.commit();
            // A is final while B is open: A's revisions may go out, B's must wait, not be passed over
            List<Long> seen = new ArrayList<>();
            seen.add(live.nextOf(site, 10).get("revisionId").asLong());
            seen.add(live.nextOf(site, 10).get("revisionId").asLong());
            assertThat(seen).containsExactly(a1, a2);
            Thread.sleep(500);
            txB.commit();
        }
        assertThat(live.nextOf(site, 10).get("revisionId").asLong()).as("B's revision, after A's higher id").isEqualTo(b);
        live.subscription().dispose();

        // a client that had seen only A's first revision resumes and gets the rest, B's included
        Listening resumed = listen(Long.toString(a1));
        assertThat(resumed.next(10).event()).isEqualTo("ready");
        List<Long> rest = new ArrayList<>();
        rest.add(resumed.nextOf(site, 10).get("revisionId").asLong());
        rest.add(resumed.nextOf(site, 10).get("revisionId").asLong());
        assertThat(rest).containsExactly(a2, b);
        resumed.subscription().dispose();
    }
}
