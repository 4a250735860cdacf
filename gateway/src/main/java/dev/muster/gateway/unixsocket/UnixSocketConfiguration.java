package dev.muster.gateway.unixsocket;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Configuration;

/** Opens the unix socket once the HTTP port is known, when {@code muster.gateway.unix-socket} names a path. */
@Configuration(proxyBeanMethods = false)
class UnixSocketConfiguration implements ApplicationListener<WebServerInitializedEvent>, AutoCloseable {

    private final String path;
    private UnixSocketBridge bridge;

    UnixSocketConfiguration(@Value("${muster.gateway.unix-socket:}") String path) {
        this.path = path;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (path.isBlank() || bridge != null) {
            return;
        }
        try {
            bridge = new UnixSocketBridge(
                            Path.of(path),
                            new InetSocketAddress(
                                    "127.0.0.1", event.getWebServer().getPort()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the unix socket " + path, e);
        }
    }

    @Override
    public void close() throws IOException {
        if (bridge != null) {
            bridge.close();
        }
    }
}
