package io.mlship.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
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
        assertThat(required).containsExactlyInAnyOrder(Run.class, FilePath.class, Launcher.class, TaskListener.class, EnvVars.class,
                FlowNode.class);
    }

    @Test
    void verifyStepIsRegisteredUnderItsSymbol() {
        assertThat(VerifyImageStep.DescriptorImpl.class.getAnnotation(Extension.class)).isNotNull();
        assertThat(VerifyImageStep.DescriptorImpl.class.getAnnotation(Symbol.class).value()).containsExactly("mlVerifyImage");
        assertThat(new VerifyImageStep.DescriptorImpl().getFunctionName()).isEqualTo("mlVerifyImage");
        VerifyImageStep step = new VerifyImageStep("team/model:1", "2Gi");
        assertThat(step.getCpus()).isEqualTo(1.0);
        assertThat(step.getHeadroom()).isEqualTo(0.85);
        assertThat(step.getReadyTimeoutSeconds()).isEqualTo(60);
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
