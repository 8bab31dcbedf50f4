package cn.servicecircle.web;

import static cn.servicecircle.web.MalformedRequestTest.assertProblem;
import static cn.servicecircle.web.MalformedRequestTest.assertSecurityHeaders;
import static cn.servicecircle.web.MalformedRequestTest.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

import cn.servicecircle.support.ApiTestBase;
import cn.servicecircle.support.RawHttp;
import cn.servicecircle.support.RawHttp.Reply;

/** Only the health status and the probes are public, status only; any other actuator path is 404 problem+json. */
@ExtendWith(OutputCaptureExtension.class)
class ActuatorExposureTest extends ApiTestBase {
    @LocalServerPort
    int port;

    @Test
    void probesArePublicWithStatusOnly() {
        for (String probe : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            Reply reply = RawHttp.exchange(port, get(probe, "Connection: close"));
            assertThat(reply.status()).as(probe).isEqualTo(200);
            JsonNode json = reply.json();
            assertThat(json.get("status").asText()).isEqualTo("UP");
            List<String> fields = new java.util.ArrayList<>();
            json.fieldNames().forEachRemaining(fields::add);
            // the aggregate also names the probe groups (Boot has no switch for that); no components, no details
            assertThat(fields).as("%s shows only its status: %s", probe, json)
                    .isSubsetOf(probe.equals("/actuator/health") ? List.of("status", "groups") : List.of("status"));
            assertSecurityHeaders(reply);
        }
    }

    @Test
    void everyOtherActuatorPathIsNotFound(CapturedOutput output) {
        for (String path : List.of("/actuator", "/actuator/", "/actuator/env", "/actuator/info", "/actuator/beans",
                "/actuator/health/db", "/actuator/health/r2dbc", "/actuator/health/diskSpace", "/actuator/health/a%2fb",
                "/actuator/health/readiness/walkNetwork", "/actuator/health/", "/actuator/health;x=1",
                // other spellings Spring routes to the actuator all the same: percent-encoded letters, segment
                // parameters, empty and dot segments
                "/%61ctuator/health", "/%61ctuator/env", "/actuator/%65nv", "/actuator/h%65alth", "/actuator;x=1/env",
                "/actuator/./env", "/v1/../actuator/env", "//actuator/env", "/actuator//env", "/actuator/health/../env",
                "/%61ctuator/health/readiness")) {
            assertProblem(RawHttp.exchange(port, get(path, "Connection: close")), 404, "NOT_FOUND");
        }
        assertThat(output.getAll()).doesNotContain(" ERROR ");
    }
}
