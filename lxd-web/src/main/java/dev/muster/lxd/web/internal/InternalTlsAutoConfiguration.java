package dev.muster.lxd.web.internal;

import dev.muster.internaltls.InternalPki;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * No back door behind the gateway: with {@code muster.internal-tls.directory} set, this service's own port speaks
 * TLS only and requires a client certificate signed by the internal CA (mutual TLS), and its calls to other
 * services present its own certificate ({@link InternalCalls}). A member agent's certificate reaches only the
 * paths listed for it.
 */
@AutoConfiguration
@EnableConfigurationProperties(InternalTlsProperties.class)
public class InternalTlsAutoConfiguration {

    static final String BUNDLE = "muster-internal";
    private static final Logger log = LoggerFactory.getLogger(InternalTlsAutoConfiguration.class);

    @Bean
    InternalCalls internalCalls(InternalTlsProperties properties) {
        if (properties.directory().isEmpty()) {
            log.warn("No internal PKI (muster.internal-tls.directory / MUSTER_PKI is empty): this service's port is"
                    + " plain HTTP, open to anyone who can reach it, and it calls other services without a"
                    + " certificate. Use it only for a service started alone in a test.");
            return new InternalCalls(Optional.empty());
        }
        if (properties.name().isEmpty()) {
            throw new IllegalStateException("muster.internal-tls.name (this process's certificate) is empty");
        }
        InternalPki pki = InternalPki.load(Path.of(properties.directory()), properties.name());
        log.info(
                "Internal TLS: principal {} ({}), issued by {}",
                pki.name(),
                pki.certificate().getSubjectX500Principal().getName(),
                pki.authority().getSubjectX500Principal().getName());
        return new InternalCalls(Optional.of(pki));
    }

    @Bean
    @ConditionalOnExpression("'${muster.internal-tls.directory:}' != '' and ${muster.internal-tls.serve:true}")
    WebServerFactoryCustomizer<ConfigurableWebServerFactory> mutualTlsOnThisPort(InternalCalls calls) {
        InternalPki pki = calls.principal().orElseThrow();
        SslBundle bundle = SslBundle.of(
                SslStoreBundle.of(pki.keyStore(), new String(pki.keyStorePassword()), pki.trustStore()),
                SslBundleKey.of(new String(pki.keyStorePassword()), InternalPki.KEY_ALIAS));
        return new MutualTls(bundle);
    }

    @Bean
    @ConditionalOnExpression("'${muster.internal-tls.directory:}' != '' and ${muster.internal-tls.serve:true}")
    FilterRegistrationBean<MemberAgentLimit> memberAgentLimit(InternalTlsProperties properties) {
        var registration = new FilterRegistrationBean<>(new MemberAgentLimit(properties.memberAgentPaths()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    /** Runs after Boot's own customizer, which would otherwise put {@code server.ssl} (unset) back. */
    private record MutualTls(SslBundle bundle)
            implements WebServerFactoryCustomizer<ConfigurableWebServerFactory>, Ordered {

        @Override
        public void customize(ConfigurableWebServerFactory factory) {
            Ssl ssl = new Ssl();
            ssl.setBundle(BUNDLE);
            ssl.setClientAuth(Ssl.ClientAuth.NEED);
            factory.setSsl(ssl);
            factory.setSslBundles(new DefaultSslBundleRegistry(BUNDLE, bundle));
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
