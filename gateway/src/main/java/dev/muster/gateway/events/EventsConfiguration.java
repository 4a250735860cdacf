package dev.muster.gateway.events;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Serves {@code /1.0/events} next to Spring MVC, by exact path (which wins over the dispatcher's {@code /}). */
@Configuration(proxyBeanMethods = false)
class EventsConfiguration {

    @Bean
    ServletRegistrationBean<EventsServlet> eventsServlet(
            EventHub hub, @Value("${muster.gateway.events.buffer:1024}") int buffer) {
        var registration = new ServletRegistrationBean<>(new EventsServlet(hub, buffer), "/1.0/events");
        registration.setAsyncSupported(true);
        return registration;
    }
}
