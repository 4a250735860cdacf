package dev.muster.images;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Owns images and which members hold them; replicates to cluster.images_minimal_replica. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ImageApplication {
    public static void main(String[] args) {
        SpringApplication.run(ImageApplication.class, args);
    }
}
