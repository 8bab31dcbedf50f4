package cn.servicecircle;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point: the Haishu 15-minute public service circle backend. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ServiceCircleApplication {
    public static void main(String[] args) {
        SpringApplication.run(ServiceCircleApplication.class, args);
    }
}
