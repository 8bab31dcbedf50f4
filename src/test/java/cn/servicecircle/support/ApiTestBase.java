package cn.servicecircle.support;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The whole service on a random port over real HTTP, against the real test PostGIS, with the Haishu sample loaded.
 * All subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sc.auth.tokens[0].token=" + ApiTestBase.TOKEN, "sc.auth.tokens[0].actor=test-office",
                // a short replay window, so ChangeFeedTest can be too far behind (the sample alone has more revisions)
                "sc.changes.replay-revisions=100"})
@AutoConfigureWebTestClient(timeout = "30s")
public abstract class ApiTestBase {
    public static final String TOKEN = "test-token-0123456789abcdef";

    @Autowired
    protected WebTestClient web;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }
}
