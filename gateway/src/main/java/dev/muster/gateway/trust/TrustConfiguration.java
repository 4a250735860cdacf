package dev.muster.gateway.trust;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts the trust filter in front of every request, and ends expired trust tokens. */
@Configuration(proxyBeanMethods = false)
class TrustConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TrustConfiguration.class);

    @Bean
    FilterRegistrationBean<TrustFilter> trustFilter(TrustedCertificates trustStore, ClusterCertificate certificate) {
        FilterRegistrationBean<TrustFilter> registration =
                new FilterRegistrationBean<>(new TrustFilter(trustStore, certificate));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Bean
    SmartLifecycle trustTokenExpiry(TrustTokens tokens) {
        return new SmartLifecycle() {
            private volatile Thread sweeper;

            @Override
            public void start() {
                sweeper = Thread.ofVirtual().name("trust-token-expiry").start(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        try {
                            Thread.sleep(Duration.ofSeconds(1));
                            tokens.expireDue();
                        } catch (InterruptedException e) {
                            return;
                        } catch (RuntimeException e) {
                            log.warn("Ending expired trust tokens failed: {}", e.getMessage());
                        }
                    }
                });
            }

            @Override
            public void stop() {
                Thread running = sweeper;
                if (running != null) {
                    running.interrupt();
                }
                sweeper = null;
            }

            @Override
            public boolean isRunning() {
                return sweeper != null;
            }
        };
    }
}
