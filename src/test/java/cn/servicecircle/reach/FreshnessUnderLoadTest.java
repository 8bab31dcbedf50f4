package cn.servicecircle.reach;

import static cn.servicecircle.support.Http.auth;
import static cn.servicecircle.support.Http.authIfMatch;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import com.fasterxml.jackson.databind.JsonNode;

import cn.servicecircle.support.Http;
import cn.servicecircle.support.Http.Response;
import cn.servicecircle.support.ReliabilityTestBase;

/**
 * Issue #6, freshness under bursts, over real HTTP and PostGIS: after any burst of writes the reach index holds
 * the last state of every touched site within a second, and its generation advanced. (The old coalescing operator
 * died on the first of these bursts and answered from a stale snapshot for good.)
 */
class FreshnessUnderLoadTest extends ReliabilityTestBase {
    /** Central Haishu, 4 km west of the outline's eastern edge: every site is placed within ±0.01° of it. */
    static final double LON = 121.50;
    static final double LAT = 29.87;

    Http http;

    /** The last acknowledged state of a touched site. */
    record State(String id, String category, double lon, double lat, boolean open, String etag) {
    }

    @BeforeEach
    void setUp() {
        http = new Http(web);
    }

    @Test
    void eightClientsCreatingEditingAndClosingAsFastAsTheyGo() throws Exception {
        long generationBefore = generation();
        Map<String, State> last = new ConcurrentHashMap<>();
        List<State> lastPerClient = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger writes = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            int client = c;
            done.add(clients.submit(() -> {
                Random random = new Random(client);
                List<String> mine = new ArrayList<>();
                State touched = null;
                for (int i = 0; i < 40; i++) {
                    int op = mine.isEmpty() ? 0 : random.nextInt(4);
                    if (op == 0) {
                        State s = create(random, "burst-" + client + "-" + i);
                        mine.add(s.id());
                        last.put(s.id(), s);
                        touched = s;
                    } else {
                        State s = last.get(mine.get(random.nextInt(mine.size())));
                        State after = switch (op) {
                            case 1 -> move(s, random);
                            case 2 -> s.open() ? close(s) : reopen(s);
                            default -> reopen(s);
                        };
                        last.put(after.id(), after);
                        touched = after;
                    }
                    writes.incrementAndGet();
                }
                lastPerClient.add(touched);
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        clients.shutdown();
        Instant lastAck = Instant.now();
        assertThat(writes.get()).isEqualTo(320);
        // the acknowledged writes of all clients: a snapshot read after the last of them holds them all
        awaitSnapshotAfter(lastAck, lastPerClient.toArray(new State[0]));
        assertThat(generation()).as("the index generation advanced").isGreaterThan(generationBefore);
        assertAnswersMatch(last);
    }

    /** The reported case: one client creating 600 sites one after another. */
    @Test
    void sixHundredSequentialCreates() throws Exception {
        Random random = new Random(600);
        Map<String, State> last = new ConcurrentHashMap<>();
        State lastWritten = null;
        for (int i = 0; i < 600; i++) {
            State s = create(random, "seq-" + i);
            last.put(s.id(), s);
            lastWritten = s;
        }
        awaitSnapshotAfter(Instant.now(), lastWritten);
        assertAnswersMatch(last);
    }

    /** POST, PATCH and DELETE of one site within a few milliseconds: the closed site must not answer as "0 m". */
    @Test
    void createEditCloseInQuickSuccession() throws Exception {
        Random random = new Random(3);
        for (int i = 0; i < 20; i++) {
            State s = create(random, "quick-" + i);
            s = move(s, random);
            s = close(s);
            awaitSnapshotAfter(Instant.now(), s);
            assertAnswersMatch(Map.of(s.id(), s));
        }
    }

    State create(Random random, String name) {
        double lon = LON + (random.nextDouble() - 0.5) * 0.02;
        double lat = LAT + (random.nextDouble() - 0.5) * 0.02;
        String category = random.nextBoolean() ? "childcare" : "elder_care";
        String subtype = category.equals("childcare") ? "nursery" : "home_care_station";
        Response r = http.call(HttpMethod.POST, "/v1/sites", """
                {"category":"%s","subtype":"%s","name":"%s","location":{"lon":%s,"lat":%s}}"""
                .formatted(category, subtype, name, lon, lat), auth());
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return new State(r.json().get("id").asText(), category, lon, lat, true, r.headers().getETag());
    }

    State move(State s, Random random) {
        double lon = LON + (random.nextDouble() - 0.5) * 0.02;
        double lat = LAT + (random.nextDouble() - 0.5) * 0.02;
        Response r = http.call(HttpMethod.PATCH, "/v1/sites/" + s.id(),
                "{\"location\":{\"lon\":%s,\"lat\":%s}}".formatted(lon, lat), authIfMatch(s.etag()));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return new State(s.id(), s.category(), lon, lat, s.open(), r.headers().getETag());
    }

    State close(State s) {
        Response r = http.call(HttpMethod.DELETE, "/v1/sites/" + s.id(), null, authIfMatch(s.etag()));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return new State(s.id(), s.category(), s.lon(), s.lat(), false, r.headers().getETag());
    }

    State reopen(State s) {
        Response r = http.call(HttpMethod.PATCH, "/v1/sites/" + s.id(), "{\"status\":\"open\"}", authIfMatch(s.etag()));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return new State(s.id(), s.category(), s.lon(), s.lat(), true, r.headers().getETag());
    }

    long generation() {
        Response r = http.get("/v1/nearby?lon=" + LON + "&lat=" + LAT);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().getFirst(ReachController.INDEX_GENERATION))
                .isEqualTo(r.json().at("/index/generation").asText());
        return r.json().at("/index/generation").asLong();
    }

    /**
     * Within a second the index holds every acknowledged write. Proof by a sentinel written after them: a new site
     * can only answer from a snapshot read after its commit, which holds every earlier commit too (presence of a new
     * site is unambiguous, while a closed or moved site is also "absent" from a snapshot that still has it
     * elsewhere, and a snapshot's read time cannot be compared with the client's clock at acknowledgement).
     */
    void awaitSnapshotAfter(Instant ack, State... lastWritten) throws InterruptedException {
        State sentinel = create(new Random(ack.toEpochMilli()), "sentinel-" + ack.toEpochMilli());
        long deadline = System.nanoTime() + 1_000_000_000L;
        do {
            if (answersAsWritten(sentinel)) {
                return;
            }
            Thread.sleep(10);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("a site written after the last writes " + java.util.Arrays.toString(lastWritten)
                + " is not in the index 1 s after it was acknowledged");
    }

    boolean answersAsWritten(State s) {
        try {
            assertAnswersMatch(Map.of(s.id(), s));
            return true;
        } catch (AssertionError notYet) {
            return false;
        }
    }

    /** Each open site answers at 0 m from its last location; each closed one is absent there. */
    void assertAnswersMatch(Map<String, State> last) {
        for (State s : last.values()) {
            Response r = http.get("/v1/nearby?lon=" + s.lon() + "&lat=" + s.lat() + "&category=" + s.category()
                    + "&limit=100&maxMinutes=1");
            assertThat(r.status()).isEqualTo(200);
            JsonNode hit = null;
            for (JsonNode item : r.json().get("items")) {
                if (item.at("/site/id").asText().equals(s.id())) {
                    hit = item;
                }
            }
            if (s.open()) {
                assertThat(hit).as("open site %s answers at its last location", s.id()).isNotNull();
                assertThat(hit.get("straightLineMeters").asLong()).isZero();
            } else {
                assertThat(hit).as("closed site %s is gone", s.id()).isNull();
            }
        }
    }
}
