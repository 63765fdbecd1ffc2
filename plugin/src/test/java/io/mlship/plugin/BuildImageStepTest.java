package io.mlship.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.junit.jupiter.api.Test;

class BuildImageStepTest {

    @Test
    void descriptorIsAnExtensionWhoseSymbolIsTheFunctionName() {
        Class<BuildImageStep.DescriptorImpl> descriptor = BuildImageStep.DescriptorImpl.class;
        assertThat(descriptor.getAnnotation(Extension.class)).isNotNull();
        assertThat(descriptor.getAnnotation(Symbol.class).value()).containsExactly("mlBuildImage");
        assertThat(new BuildImageStep.DescriptorImpl().getFunctionName()).isEqualTo("mlBuildImage");
    }

    @Test
    void requiresTheContextItUses() {
        Set<Class<?>> required = Set.copyOf(new BuildImageStep.DescriptorImpl().getRequiredContext());
        assertThat(required).containsExactlyInAnyOrder(Run.class, FilePath.class, TaskListener.class, EnvVars.class);
    }

    @Test
    void optionalFieldsDefaultSensibly() {
        BuildImageStep step = new BuildImageStep("team/model:1");
        step.setContext("  ");
        step.setDockerfile("");
        step.setDockerHost(null);
        assertThat(step.getContext()).isEqualTo(".");
        assertThat(step.getDockerfile()).isNull();
        assertThat(step.getDockerHost()).isNull();
    }
}
