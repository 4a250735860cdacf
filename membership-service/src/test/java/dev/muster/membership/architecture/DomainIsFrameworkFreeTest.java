package dev.muster.membership.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The cluster's rules stay plain Java: no Spring, no web, no persistence, no messaging. */
class DomainIsFrameworkFreeTest {

    private final JavaClasses membership = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.muster.membership");

    @Test
    void theAggregateAndItsRulesDependOnNoFramework() {
        noClasses()
                .that()
                .resideInAnyPackage("..membership.cluster..", "..membership.roles..", "..membership.config..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "jakarta..",
                        "dev.muster.eventing..",
                        "dev.muster.lxd..",
                        "org.apache.kafka..",
                        "..membership.web..",
                        "..membership.application..",
                        "..membership.messaging..")
                .check(membership);
    }

    @Test
    void theRoleAlgorithmKnowsNothingOfTheAggregate() {
        noClasses()
                .that()
                .resideInAPackage("..membership.roles..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..membership.cluster..")
                .check(membership);
    }
}
