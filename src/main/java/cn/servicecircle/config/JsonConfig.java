package cn.servicecircle.config;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.core.StreamReadFeature;

/**
 * Settings of the JSON mapper Boot builds (and WebFlux's codecs use) that {@code spring.jackson.*} cannot express.
 * The others (unknown properties are errors) stay in application.yaml.
 */
@Configuration(proxyBeanMethods = false)
public class JsonConfig {

    /**
     * A key twice in one JSON object is an error, not "last one wins": {@code {"category":"school",
     * "category":"clinic"}} must not depend on which parser the client's proxy uses. The problem handler renders it
     * as 400 DUPLICATE_KEY naming the key.
     */
    @Bean
    JsonMapperBuilderCustomizer strictDuplicateDetection() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }
}
