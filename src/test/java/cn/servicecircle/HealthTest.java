package cn.servicecircle;

import org.junit.jupiter.api.Test;

import cn.servicecircle.support.ApiTestBase;

class HealthTest extends ApiTestBase {
    @Test
    void healthAndReadinessAreUp() {
        web.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("UP").jsonPath("$.components").doesNotExist();
        web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("UP");
        web.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        web.get().uri("/no/such/thing").exchange().expectStatus().isNotFound().expectHeader()
                .contentType("application/problem+json").expectBody().jsonPath("$.code").isEqualTo("NOT_FOUND");
    }
}
