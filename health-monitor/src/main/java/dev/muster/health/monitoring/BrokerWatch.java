package dev.muster.health.monitoring;

import dev.muster.health.liveness.LivenessDetector;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Asks the broker every second whether it answers, and tells the detector when the heartbeat feed is lost and when
 * it is back: the members' silence during a broker outage is the broker's, not theirs.
 */
@Component
class BrokerWatch implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BrokerWatch.class);
    private static final int TIMEOUT_MS = 2000;

    private final LivenessDetector detector;
    private final Admin admin;

    BrokerWatch(LivenessDetector detector, KafkaAdmin kafka) {
        this.detector = detector;
        Map<String, Object> config = new HashMap<>(kafka.getConfigurationProperties());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "health-monitor-broker-watch");
        this.admin = Admin.create(config);
    }

    @Scheduled(fixedDelayString = "${muster.health.broker-check:1s}")
    void check() {
        boolean answers;
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
                    .nodes()
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            answers = true;
        } catch (Exception e) {
            answers = false;
        }
        boolean wasDown = detector.feedDown();
        if (!answers && !wasDown) {
            log.warn("The broker does not answer: no member is judged offline until heartbeats can arrive again");
            detector.feedLost();
        } else if (answers && wasDown) {
            log.info("The broker answers again: members have one offline threshold to be heard before judgement");
            detector.feedRestored();
        }
    }

    @Override
    public void destroy() {
        admin.close();
    }
}
