package dev.muster.health.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The liveness rules are plain Java: no Spring, no Kafka, no database, no web; testable with a fake clock. */
class DetectorIsFrameworkFreeTest {

    private final JavaClasses health = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.muster.health");

    @Test
    void theDetectorDependsOnTheJdkOnly() {
        classes()
                .that()
                .resideInAPackage("..health.liveness..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "..health.liveness..")
                .check(health);
    }
}
