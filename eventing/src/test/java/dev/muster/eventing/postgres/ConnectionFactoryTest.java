package dev.muster.eventing.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.muster.testing.TcpProxy;
import dev.muster.testing.TestInfrastructure;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
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
        try (TcpProxy proxy = TcpProxy.reserve().open(server.getHost(), server.getPort())) {
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
}
