package dev.muster.testing;

import dev.muster.kafka.access.AccessTable;
import dev.muster.kafka.access.Credentials;
import dev.muster.kafka.access.KafkaConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The real engines tests run against, started once per test JVM: PostgreSQL and a Kafka broker.
 *
 * <p>Kafka is an in-JVM KRaft broker secured as the real stack's (SASL/SCRAM-SHA-512 and ACLs per principal, see
 * {@code kafka-access}); a client logs in as a principal with {@link #kafkaAs(String)}. With Docker, PostgreSQL runs
 * in Testcontainers; without it, it is the server at {@code MUSTER_TEST_PG_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres}, user {@code MUSTER_TEST_PG_USER}, default {@code postgres}).
 * Every caller of {@link #newDatabase()} gets a fresh database of its own, dropped when the JVM exits.
 */
public final class TestInfrastructure {

    /** Where a test's database lives and how to log in. */
    public record Database(String jdbcUrl, String username, String password) {
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl, username, password);
        }

        /** The server's host, from {@code jdbc:postgresql://HOST[:PORT]/NAME[?…]}. */
        public String host() {
            String authority = authority();
            int colon = authority.lastIndexOf(':');
            return colon < 0 || authority.endsWith("]") ? authority : authority.substring(0, colon);
        }

        /** The server's port, 5432 where the URL names none. */
        public int port() {
            String authority = authority();
            int colon = authority.lastIndexOf(':');
            return colon < 0 || authority.endsWith("]") ? 5432 : Integer.parseInt(authority.substring(colon + 1));
        }

        /** The database's name. */
        public String name() {
            String path = jdbcUrl.substring(PREFIX.length() + authority().length() + 1);
            int query = path.indexOf('?');
            return query < 0 ? path : path.substring(0, query);
        }

        private String authority() {
            if (!jdbcUrl.startsWith(PREFIX) || jdbcUrl.indexOf('/', PREFIX.length()) < 0) {
                throw new IllegalStateException("not a jdbc:postgresql://HOST:PORT/NAME URL: " + jdbcUrl);
            }
            return jdbcUrl.substring(PREFIX.length(), jdbcUrl.indexOf('/', PREFIX.length()));
        }
    }

    private static final String PREFIX = "jdbc:postgresql://";

    private static final boolean DOCKER = dockerAvailable();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<String> createdDatabases = new CopyOnWriteArrayList<>();
    private static SecuredKafkaBroker kafka;
    private static Database server;

    private TestInfrastructure() {}

    /** Bootstrap servers of the shared test broker, started on first use. */
    public static String kafkaBootstrapServers() {
        return kafka().bootstrapServers();
    }

    /**
     * How {@code principal} logs in to the shared test broker: a service's name (its rights), {@code agent-<name>}
     * (an agent's rights), {@link AccessTable#ADMIN} (the super user, for tests' own tools) or any other name (a user
     * with no rights at all). Users are made on first use.
     */
    public static KafkaConnection kafkaAs(String principal) {
        Credentials credentials = kafka().including(List.of(principal));
        return credentials.connection(kafka().bootstrapServers(), principal);
    }

    /**
     * Client settings (bootstrap servers and login) of the super user, for a test's own producers, consumers and
     * admins that stand in for no particular principal.
     */
    public static Map<String, Object> kafkaClientConfig() {
        return kafkaAs(AccessTable.ADMIN).clientConfig();
    }

    /** {@link #kafkaClientConfig()} plus {@code settings}, given as key, value, key, value… */
    public static Map<String, Object> kafkaClientConfig(Object... settings) {
        if (settings.length % 2 != 0) {
            throw new IllegalArgumentException("settings come in key, value pairs");
        }
        Map<String, Object> config = kafkaClientConfig();
        for (int i = 0; i < settings.length; i += 2) {
            config.put((String) settings[i], settings[i + 1]);
        }
        return config;
    }

    private static synchronized SecuredKafkaBroker kafka() {
        if (kafka == null) {
            SecuredKafkaBroker started = SecuredKafkaBroker.start(3);
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
            kafka = started;
        }
        return kafka;
    }

    /**
     * A new, empty database for one test class or application context, owned by a role of its own with a password,
     * as a service's database is ({@code bin/postgres.sh}): not a superuser, a member of {@value #SERVICE_GROUP}
     * (which pg_hba.conf may make log in with its password), and the only role besides the administrator that may
     * connect to it.
     */
    public static synchronized Database newDatabase() {
        Database admin = server();
        String name =
                "muster_test_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        String password = randomPassword();
        try (Connection connection = admin.connect();
                Statement statement = connection.createStatement()) {
            ensureServiceGroup(statement);
            statement.execute("CREATE ROLE " + name + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE IN ROLE "
                    + SERVICE_GROUP + " PASSWORD '" + password + "'");
            statement.execute("CREATE DATABASE " + name + " OWNER " + name);
            statement.execute("REVOKE ALL ON DATABASE " + name + " FROM PUBLIC");
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot create test database at " + admin.jdbcUrl()
                            + " (is PostgreSQL running? start it with: pg_ctlcluster --skip-systemctl-redirect 15 main start)",
                    e);
        }
        if (createdDatabases.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(TestInfrastructure::dropCreatedDatabases));
        }
        createdDatabases.add(name);
        return new Database(replaceDatabase(admin.jdbcUrl(), name), name, password);
    }

    /** The administrator's login (a superuser: it makes the databases and roles), on the server's own database. */
    public static synchronized Database administrator() {
        return server();
    }

    /** The group role of every service role (and every test database's role). */
    public static final String SERVICE_GROUP = "muster_services";

    private static void ensureServiceGroup(Statement statement) throws SQLException {
        try (var exists = statement.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + SERVICE_GROUP + "'")) {
            if (exists.next()) {
                return;
            }
        }
        try {
            statement.execute("CREATE ROLE " + SERVICE_GROUP + " NOLOGIN");
        } catch (SQLException e) {
            if (!"42710".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) {
                throw e; // not "made meanwhile by another test JVM"
            }
        }
    }

    private static String randomPassword() {
        byte[] random = new byte[18];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static Database server() {
        if (server == null) {
            if (DOCKER) {
                PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17-alpine");
                postgres.start();
                server = new Database(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
            } else {
                server = new Database(
                        env("MUSTER_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres"),
                        env("MUSTER_TEST_PG_USER", "postgres"),
                        env("MUSTER_TEST_PG_PASSWORD", ""));
            }
        }
        return server;
    }

    private static void dropCreatedDatabases() {
        try (Connection connection = server().connect();
                Statement statement = connection.createStatement()) {
            for (String name : createdDatabases) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                statement.execute("DROP ROLE IF EXISTS " + name);
            }
        } catch (SQLException ignored) {
            // best effort: a leftover test database harms nothing
        }
    }

    static String replaceDatabase(String jdbcUrl, String database) {
        int slash = jdbcUrl.indexOf('/', "jdbc:postgresql://".length());
        int query = jdbcUrl.indexOf('?', slash);
        return jdbcUrl.substring(0, slash + 1) + database + (query < 0 ? "" : jdbcUrl.substring(query));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static boolean dockerAvailable() {
        if ("false".equalsIgnoreCase(System.getenv("MUSTER_TEST_DOCKER"))) {
            return false;
        }
        if (!dockerMayBeConfigured()) {
            return false; // no socket and no settings: asking Testcontainers would only log an ERROR
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    private static boolean dockerMayBeConfigured() {
        String home = System.getProperty("user.home", "");
        return System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(home, ".docker", "run", "docker.sock"))
                || Files.exists(Path.of(home, ".testcontainers.properties"));
    }
}
