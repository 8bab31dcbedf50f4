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
        properties = {TestTokens.ENABLED_PROPERTY, TestTokens.SECRET_PROPERTY, TestTokens.ISSUER_PROPERTY,
                TestTokens.RATE_LIMIT_OFF,
                // a short replay window, so ChangeFeedTest can be too far behind (the sample alone has more revisions)
                "sc.changes.replay-revisions=100"})
@AutoConfigureWebTestClient(timeout = "30s")
public abstract class ApiTestBase {
    /** An admin token (writes anywhere); tests of roles and scopes mint their own with {@link TestTokens}. */
    public static final String TOKEN = TestTokens.admin();

    @Autowired
    protected WebTestClient web;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }
}
