package dev.muster.images;

import dev.muster.images.replication.ClusterMembers;
import dev.muster.images.store.BlobStore;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.util.unit.DataSize;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ImagesConfiguration {

    @Bean
    ClusterMembers clusterMembers() {
        return new ClusterMembers(Clock.systemUTC());
    }

    @Bean
    BlobStore blobStore(
            @Value("${muster.images.store}") Path directory, @Value("${muster.images.max-size:4GB}") DataSize maxSize) {
        return new BlobStore(directory, maxSize.toBytes());
    }
}
