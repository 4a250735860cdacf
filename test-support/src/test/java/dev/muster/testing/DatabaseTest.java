package dev.muster.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatabaseTest {

    @Test
    void aJdbcUrlIsTakenApartIntoHostPortAndName() {
        TestInfrastructure.Database database =
                new TestInfrastructure.Database("jdbc:postgresql://localhost:32768/test?loggerLevel=OFF", "u", "p");

        assertThat(database.host()).isEqualTo("localhost");
        assertThat(database.port()).isEqualTo(32768);
        assertThat(database.name()).isEqualTo("test");
    }

    @Test
    void aUrlWithoutPortMeansPostgresqlsDefault() {
        TestInfrastructure.Database database =
                new TestInfrastructure.Database("jdbc:postgresql://127.0.0.1/muster_test_1", "u", "");

        assertThat(database.host()).isEqualTo("127.0.0.1");
        assertThat(database.port()).isEqualTo(5432);
        assertThat(database.name()).isEqualTo("muster_test_1");
    }
}
