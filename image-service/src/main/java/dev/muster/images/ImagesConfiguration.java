package dev.muster.images;

import dev.muster.images.replication.ClusterMembers;
import dev.muster.images.store.BlobStore;
import dev.muster.images.tarball.TarballLimits;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
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

    @Bean
    TarballLimits tarballLimits(
            @Value("${muster.images.metadata-scan.max-entries:100000}") int maxEntries,
            @Value("${muster.images.metadata-scan.max-size:16GB}") DataSize maxSize,
            @Value("${muster.images.decompressor.timeout:10m}") Duration timeout,
            @Value("${muster.images.decompressor.idle-timeout:2m}") Duration idle,
            @Value("${muster.images.decompressor.bzip2-command:bzip2}") String bzip2,
            @Value("${muster.images.decompressor.zstd-command:zstd}") String zstd) {
        return new TarballLimits(maxEntries, maxSize.toBytes(), timeout, idle, Map.of("bzip2", bzip2, "zstd", zstd));
    }
}
