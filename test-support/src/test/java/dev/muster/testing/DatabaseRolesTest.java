package dev.muster.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Each database belongs to a role of its own, as each service's does ({@code bin/postgres.sh}): the role owns its
 * database and can build in it, cannot connect to another's, is not a superuser, and (where pg_hba.conf asks the
 * members of {@code muster_services} for their password, as {@code ./muster up} and {@code .ci/run} make it) cannot
 * log in without its password.
 */
class DatabaseRolesTest {

    @Test
    void aRoleBuildsInItsOwnDatabase() throws SQLException {
        TestInfrastructure.Database own = TestInfrastructure.newDatabase();

        try (Connection connection = own.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE things (id bigint PRIMARY KEY)");
            statement.execute("INSERT INTO things VALUES (1)");
            try (ResultSet owner = statement.executeQuery(
                    "SELECT tableowner = current_user FROM pg_tables WHERE tablename = 'things'")) {
                assertThat(owner.next()).isTrue();
                assertThat(owner.getBoolean(1)).isTrue();
            }
        }
    }

    @Test
    void aRoleCannotConnectToAnotherServicesDatabase() {
        TestInfrastructure.Database mine = TestInfrastructure.newDatabase();
        TestInfrastructure.Database theirs = TestInfrastructure.newDatabase();

        assertThatThrownBy(() -> DriverManager.getConnection(theirs.jdbcUrl(), mine.username(), mine.password())
                        .close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("permission denied for database");
    }

    @Test
    void aRoleIsNoSuperuserAndCannotMakeRolesOrDatabases() throws SQLException {
        TestInfrastructure.Database own = TestInfrastructure.newDatabase();

        try (Connection connection = own.connect();
                Statement statement = connection.createStatement();
                ResultSet role =
                        statement.executeQuery("SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles"
                                + " WHERE rolname = current_user")) {
            assertThat(role.next()).isTrue();
            for (int column = 1; column <= 4; column++) {
                assertThat(role.getBoolean(column)).as("column %d", column).isFalse();
            }
        }
        try (Connection connection = own.connect();
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("SELECT pg_read_file('/etc/passwd')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
        }
    }

    @Test
    void aRoleNeedsItsPassword() {
        TestInfrastructure.Database own = TestInfrastructure.newDatabase();
        Properties noPassword = new Properties();
        noPassword.setProperty("user", own.username());

        Connection connection = null;
        try {
            connection = DriverManager.getConnection(own.jdbcUrl(), noPassword);
        } catch (SQLException refused) {
            assertThat(refused.getMessage()).containsAnyOf("password", "authentication");
            assertThatThrownBy(() -> DriverManager.getConnection(own.jdbcUrl(), own.username(), "wrong")
                            .close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
            return;
        } finally {
            closeQuietly(connection);
        }
        throw new AssertionError("pg_hba.conf lets the members of muster_services in without a password: run"
                + " .ci/run, or bin/postgres.sh's muster_pg_require_passwords, as ./muster up does");
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing to do
            }
        }
    }
}
