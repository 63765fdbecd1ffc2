package io.mlship.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** core is the engine every front end shares: it must never depend on Jenkins. */
class ArchitectureTest {

    @Test
    void coreDoesNotDependOnJenkins() {
        JavaClasses core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.mlship.core");
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("hudson..", "jenkins..", "org.kohsuke.stapler..", "org.jenkinsci..")
                .because("core is a plain library; the Jenkins layer lives in plugin/")
                .check(core);
    }
}
