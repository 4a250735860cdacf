package dev.muster.scheduler.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The scheduler's rules stay plain Java: no Spring, no web, no persistence, no messaging, no public events. */
class DomainIsFrameworkFreeTest {

    private final JavaClasses scheduler = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.muster.scheduler");

    @Test
    void theInstancesAndEvacuationRulesDependOnNoFramework() {
        noClasses()
                .that()
                .resideInAnyPackage("..scheduler.instances..", "..scheduler.evacuation..", "..scheduler.images..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "jakarta..",
                        "dev.muster.eventing..",
                        "dev.muster.lxd..",
                        "dev.muster.events..",
                        "org.apache.kafka..",
                        "java.sql..",
                        "..scheduler.web..",
                        "..scheduler.application..",
                        "..scheduler.messaging..")
                .check(scheduler);
    }
}
