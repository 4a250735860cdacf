package dev.muster.lxd.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The web kit is for any service that speaks LXD, a database or not: it uses no JDBC and brings none with it
 * (LXD operations, which are stored, live in {@code lxd-operations}).
 */
class WebKitNeedsNoDatabaseTest {

    private final JavaClasses kit = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.muster.lxd.web");

    @Test
    void theKitUsesNoJdbcNoEventingAndNoOperations() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "java.sql..",
                        "javax.sql..",
                        "org.springframework.jdbc..",
                        "org.springframework.transaction..",
                        "dev.muster.eventing..",
                        "dev.muster.lxd.operations..")
                .check(kit);
    }

    @Test
    void theKitBringsNoJdbcOntoTheClasspath() {
        assertThatThrownBy(() -> Class.forName("org.springframework.jdbc.core.JdbcTemplate"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.postgresql.Driver")).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("dev.muster.eventing.outbox.Outbox"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
