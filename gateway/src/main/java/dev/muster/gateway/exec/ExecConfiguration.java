package dev.muster.gateway.exec;

import dev.muster.gateway.events.EventHub;
import dev.muster.gateway.routing.GatewayProperties;
import dev.muster.lxd.web.internal.InternalCalls;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Serves exec and its operations before Spring MVC sees them, late among the filters so that whatever guards the
 * gateway (trust) has already run.
 */
@Configuration(proxyBeanMethods = false)
class ExecConfiguration {

    @Bean
    FilterRegistrationBean<ExecForwarding> execForwarding(
            GatewayProperties properties,
            MemberBridges bridges,
            ExecOperations operations,
            EventHub events,
            InternalCalls internalCalls) {
        var registration = new FilterRegistrationBean<>(
                new ExecForwarding(properties, bridges, operations, events, internalCalls));
        registration.addUrlPatterns("/1.0/instances/*", "/1.0/operations/*");
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 100);
        registration.setAsyncSupported(true);
        return registration;
    }
}
