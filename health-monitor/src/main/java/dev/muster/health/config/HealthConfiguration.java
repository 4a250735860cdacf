package dev.muster.health.config;

import dev.muster.health.fencing.HttpProbe;
import dev.muster.health.liveness.LivenessDetector;
import dev.muster.health.liveness.Thresholds;
import dev.muster.health.members.KnownMembers;
import dev.muster.health.members.ServerConfig;
import dev.muster.health.messaging.KafkaKeyPartitioner;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The detector, seeded with what this service's database already knows, and the fencing probe. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class HealthConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    LivenessDetector livenessDetector(
            Clock clock, HealthProperties properties, KnownMembers members, ServerConfig config) {
        var detector = new LivenessDetector(
                clock, new KafkaKeyPartitioner(), properties.gracePeriod(), properties.probeRetry());
        detector.thresholdsChanged(Thresholds.fromServerConfig(config.load()));
        for (KnownMembers.KnownMember member : members.all()) {
            detector.memberJoined(member.name());
            if (member.evacuated()) {
                detector.memberEvacuated(member.name());
            }
        }
        return detector;
    }

    @Bean(destroyMethod = "close")
    HttpProbe httpProbe(HealthProperties properties) {
        return new HttpProbe(properties.probeTimeout());
    }
}
