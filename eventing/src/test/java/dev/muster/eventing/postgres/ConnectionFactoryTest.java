package dev.muster.eventing.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.muster.testing.TestInfrastructure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A long-held connection (the relay's, holding its session lock) notices a server that stopped answering without
 * closing the connection, instead of waiting for it for hours.
 */
class ConnectionFactoryTest {

    private final TestInfrastructure.Database database = TestInfrastructure.newDatabase();

    @Test
    void aReadFromAServerThatStoppedAnsweringFailsAfterTheSocketTimeout() throws Exception {
        URI server = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        try (SilencingProxy proxy = new SilencingProxy(server.getHost(), server.getPort())) {
            String viaProxy = database.jdbcUrl().replace(server.getHost() + ":" + server.getPort(), proxy.address());
            ConnectionFactory connections =
                    ConnectionFactory.of(viaProxy, database.username(), database.password(), Duration.ofSeconds(2));

            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                try (Connection connection = connections.open();
                        Statement statement = connection.createStatement()) {
                    assertThat(statement.execute("SELECT 1")).isTrue();
                    proxy.silence(); // half-open: the TCP connection stays up, nothing comes back
                    Instant asked = Instant.now();

                    assertThatThrownBy(() -> statement.execute("SELECT 1")).isInstanceOf(SQLException.class);
                    assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(15));
                }
            });
        }
    }

    /** Forwards one TCP connection to a server until told to swallow everything, keeping the connection open. */
    private static final class SilencingProxy implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        private final AtomicBoolean silent = new AtomicBoolean();
        private final Thread acceptor;

        SilencingProxy(String host, int port) throws IOException {
            acceptor = Thread.ofPlatform().daemon().start(() -> {
                try (Socket client = listener.accept();
                        Socket upstream = new Socket(host, port)) {
                    Thread up = Thread.ofPlatform().daemon().start(() -> pump(client, upstream));
                    pump(upstream, client);
                    up.join();
                } catch (IOException | InterruptedException ignored) {
                    // the test is over
                }
            });
        }

        String address() {
            return "127.0.0.1:" + listener.getLocalPort();
        }

        void silence() {
            silent.set(true);
        }

        private void pump(Socket from, Socket to) {
            byte[] buffer = new byte[8192];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    if (!silent.get()) {
                        out.write(buffer, 0, read);
                        out.flush();
                    }
                }
            } catch (IOException ignored) {
                // a side closed
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
            acceptor.interrupt();
        }
    }
}
