package io.mlship.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The CLI runs on a laptop without Jenkins: it must never depend on Jenkins types. */
class ArchitectureTest {

    @Test
    void cliDoesNotDependOnJenkins() {
        JavaClasses cli = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.mlship.cli");
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("hudson..", "jenkins..", "org.kohsuke.stapler..", "org.jenkinsci..")
                .because("the CLI is a plain front end over core")
                .check(cli);
    }
}
