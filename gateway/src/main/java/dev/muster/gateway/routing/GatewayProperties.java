package dev.muster.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code muster.gateway.*}.
 *
 * @param services base URL of each owning service, by {@link OwningService} key
 * @param connectTimeout how long to try reaching a service before answering 503
 * @param requestTimeout how long a service may take to answer before the gateway answers 503
 * @param uploadTimeout the same for a request whose body is streamed through (an image upload): reading it is part of it
 */
@ConfigurationProperties("muster.gateway")
public record GatewayProperties(
        Map<String, URI> services,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("30s") Duration requestTimeout,
        @DefaultValue("30m") Duration uploadTimeout) {}
