package cn.servicecircle.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import cn.servicecircle.reach.ReachProperties;
import cn.servicecircle.geodata.GeoDataProperties;
import cn.servicecircle.security.SecurityProperties;
import cn.servicecircle.web.HttpEdgeProperties;

/** Bad settings stop the start with a message naming every bad key; the shipped application.yaml is valid. */
class ConfigValidationTest {

    @Configuration
    @EnableConfigurationProperties(ReachProperties.class)
    static class Reach {
    }

    @Configuration
    @EnableConfigurationProperties(GeoDataProperties.class)
    static class Sample {
    }

    @Configuration
    @EnableConfigurationProperties(SecurityProperties.class)
    static class Auth {
    }

    @Configuration
    @EnableConfigurationProperties(HttpEdgeProperties.class)
    static class Edge {
    }

    static ApplicationContextRunner runner(Class<?> config) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
                .withUserConfiguration(config);
    }

    @Test
    void startupFailsListingEveryBadKey() {
        runner(Reach.class).withPropertyValues("sc.reach.graph-cache-dir=x", "sc.reach.adult-speed-kmh=40",
                        "sc.reach.elderly-speed-kmh=3", "sc.reach.circuity=0.5", "sc.reach.max-snap-meters=300",
                        "sc.reach.default-minutes=15", "sc.reach.max-minutes=500",
                        "sc.reach.threshold-meters.school.primary=500", "sc.reach.workers=0")
                .run(context -> {
                    assertThat(context).hasFailed();
                    String message = allMessages(context.getStartupFailure());
                    assertThat(message).contains("adultSpeedKmh", "circuity", "maxMinutes")
                            .doesNotContain("field 'elderlySpeedKmh'", "field 'maxSnapMeters'");
                });
        runner(Reach.class).withPropertyValues("sc.reach.graph-cache-dir=x", "sc.reach.adult-speed-kmh=4",
                        "sc.reach.elderly-speed-kmh=3", "sc.reach.circuity=1.3", "sc.reach.max-snap-meters=300",
                        "sc.reach.default-minutes=15", "sc.reach.max-minutes=60",
                        "sc.reach.threshold-meters.school.primary=500", "sc.reach.workers=0")
                .run(context -> assertThat(context).hasNotFailed());
        runner(Sample.class).withPropertyValues("sc.sample.load=true", "sc.sample.data-dir=geo-data",
                        "sc.sample.region=atlantis")
                .run(context -> assertThat(allMessages(context.getStartupFailure())).contains("region"));
        runner(Auth.class).withPropertyValues("sc.security.jwt.issuer=", "sc.security.jwt.audience=a",
                        "sc.security.jwt.algorithms=RS256", "sc.security.jwt.clock-skew-seconds=3600",
                        "sc.security.jwt.roles-claim=roles", "sc.security.jwt.areas-claim=area_codes",
                        "sc.security.dev-tokens.enabled=false")
                .run(context -> assertThat(allMessages(context.getStartupFailure()))
                        .contains("issuer", "clockSkewSeconds").doesNotContain("field 'audience'"));
        runner(Edge.class).withPropertyValues("sc.http.header-timeout-seconds=0", "sc.http.body-timeout-seconds=30",
                        "sc.http.idle-timeout-seconds=-1")
                .run(context -> assertThat(allMessages(context.getStartupFailure()))
                        .contains("headerTimeoutSeconds", "idleTimeoutSeconds").doesNotContain("field 'bodyTimeoutSeconds'"));
    }

    private static String allMessages(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            b.append(c.getMessage()).append('\n');
        }
        return b.toString();
    }
}
