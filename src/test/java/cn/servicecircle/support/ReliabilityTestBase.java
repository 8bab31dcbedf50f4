package cn.servicecircle.support;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The whole Haishu service on a random port with its own fresh database beside the test database, for tests that
 * write hundreds of sites (bursts, concurrent editors) without disturbing the shared sample others read.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ENABLED_PROPERTY, TestTokens.SECRET_PROPERTY, TestTokens.ISSUER_PROPERTY,
                TestTokens.RATE_LIMIT_OFF})
@AutoConfigureWebTestClient(timeout = "30s")
public abstract class ReliabilityTestBase {
    @Autowired
    protected WebTestClient web;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.registerSibling(registry, "reliability");
    }
}
