package dev.muster.images.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The rules for images, aliases and replicas stay plain Java: no Spring, no web, no persistence, no messaging. */
class DomainIsFrameworkFreeTest {

    private final JavaClasses images = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.muster.images");

    @Test
    void theCatalogAndReplicationRulesDependOnNoFramework() {
        noClasses()
                .that()
                .resideInAnyPackage("..images.catalog..", "..images.replication..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "jakarta..",
                        "java.sql..",
                        "javax.sql..",
                        "tools.jackson..",
                        "com.fasterxml..",
                        "org.apache.kafka..",
                        "dev.muster.eventing..",
                        "dev.muster.events..",
                        "dev.muster.lxd..",
                        "..images.application..",
                        "..images.persistence..",
                        "..images.web..",
                        "..images.messaging..",
                        "..images.store..",
                        "..images.multipart..",
                        "..images.tarball..")
                .check(images);
    }

    @Test
    void onlyTheWebAdapterSpeaksHttp() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..images.web..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.muster.lxd.web..", "org.springframework.http..")
                .check(images);
    }
}
