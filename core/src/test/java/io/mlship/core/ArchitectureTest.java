package io.mlship.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** core is the engine every front end shares: it must never depend on Jenkins, and its packages form a DAG. */
class ArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.mlship.core");

    @Test
    void coreDoesNotDependOnJenkins() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("hudson..", "jenkins..", "org.kohsuke.stapler..", "org.jenkinsci..")
                .because("core is a plain library; the Jenkins layer lives in plugin/")
                .check(CORE);
    }

    /**
     * Every package is its own slice ("(**)" captures the whole package name, so deploy and deploy.docker
     * are two slices and a parent ↔ child cycle counts too). The direction is in docs/architecture.md.
     */
    @Test
    void corePackagesAreFreeOfCycles() {
        slices().matching("io.mlship.(**)").namingSlices("$1")
                .should().beFreeOfCycles()
                .because("a package may only use packages below it (docs/architecture.md, \"Package layers\")")
                .check(CORE);
    }
}
