package io.mlship.plugin;

import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;

/**
 * What every mlship step's descriptor says alike (warnings-ng's way: one base, each step only names itself):
 * its Pipeline function name, its title in the Snippet Generator, and the context it needs, which is exactly
 * what {@link StepEnvironment#of} reads. A step's {@code DescriptorImpl} passes the first two and nothing else.
 */
public abstract class MlshipStepDescriptor extends StepDescriptor {

    private final String functionName;
    private final String displayName;

    protected MlshipStepDescriptor(String functionName, String displayName) {
        this.functionName = functionName;
        this.displayName = displayName;
    }

    @Override
    public final String getFunctionName() {
        return functionName;
    }

    @Override
    public final String getDisplayName() {
        return displayName;
    }

    @Override
    public final Set<? extends Class<?>> getRequiredContext() {
        return StepEnvironment.REQUIRED_CONTEXT;
    }
}
