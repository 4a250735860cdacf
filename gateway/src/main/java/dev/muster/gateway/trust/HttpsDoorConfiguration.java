package dev.muster.gateway.trust;

import java.time.Clock;
import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The public door, LXD's {@code core.https_address}: TLS only, presenting the cluster certificate and requesting (not
 * requiring) a client certificate. {@code muster.gateway.https-port} 0 picks a free port; -1 closes the door.
 */
@Configuration(proxyBeanMethods = false)
class HttpsDoorConfiguration {

    private static final Logger log = LoggerFactory.getLogger(HttpsDoorConfiguration.class);
    private static final String ALIAS = "cluster";

    @Bean
    @DependsOn("flywayInitializer")
    ClusterCertificate clusterCertificate(JdbcTemplate jdbc) {
        ClusterCertificate certificate =
                new ClusterCertificate(new ClusterIdentityStore(jdbc, Clock.systemUTC()).loadOrCreate());
        log.info("Cluster certificate fingerprint {}", certificate.fingerprint());
        return certificate;
    }

    @Bean
    HttpsDoor httpsDoor(
            @Value("${muster.gateway.https-port:8443}") int port,
            @Value("${server.address:127.0.0.1}") String address) {
        return new HttpsDoor(address, port);
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> httpsConnector(
            ClusterCertificate certificate,
            HttpsDoor door,
            @Value("${muster.gateway.https-port:8443}") int port,
            @Value("${server.address:127.0.0.1}") String address) {
        return factory -> {
            if (port < 0) {
                return;
            }
            Connector connector = connector(certificate, address, port);
            door.opened(connector);
            factory.addAdditionalConnectors(connector);
        };
    }

    private static Connector connector(ClusterCertificate certificate, String address, int port) {
        Connector connector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
        connector.setPort(port);
        connector.setProperty("address", address);
        connector.setScheme("https");
        connector.setSecure(true);
        connector.setProperty("SSLEnabled", "true");
        SSLHostConfig tls = new SSLHostConfig();
        tls.setProtocols("TLSv1.2+TLSv1.3");
        tls.setCertificateVerification("optional");
        tls.setTrustManagerClassName(AcceptAnyClientCertificate.class.getName());
        char[] password = "muster".toCharArray();
        SSLHostConfigCertificate key = new SSLHostConfigCertificate(tls, SSLHostConfigCertificate.Type.EC);
        key.setCertificateKeystore(certificate.identity().keyStore(ALIAS, password));
        key.setCertificateKeyAlias(ALIAS);
        key.setCertificateKeystorePassword(new String(password));
        key.setCertificateKeyPassword(new String(password));
        tls.addCertificate(key);
        connector.addSslHostConfig(tls);
        return connector;
    }
}
