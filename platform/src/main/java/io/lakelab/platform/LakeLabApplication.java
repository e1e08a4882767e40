package io.lakelab.platform;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The LakeLab platform service: REST API, metadata store, job scheduling, identity. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class LakeLabApplication {

    public static void main(String[] args) {
        SpringApplication.run(LakeLabApplication.class, args);
    }
}
