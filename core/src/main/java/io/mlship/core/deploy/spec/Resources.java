package io.mlship.core.deploy.spec;

import io.mlship.core.common.MemorySize;
import java.util.Optional;

/** Memory and CPU of the model container: requests (what scheduling reserves) and limits (what it may use). */
public record Resources(Optional<MemorySize> memoryRequest, Optional<MemorySize> memoryLimit,
                        Optional<CpuQuantity> cpuRequest, Optional<CpuQuantity> cpuLimit) {

    public static Resources none() {
        return new Resources(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** "memory 128Mi, cpu 1" for failure messages; "no limits" when none is set. */
    public String describeLimits() {
        if (memoryLimit.isEmpty() && cpuLimit.isEmpty()) {
            return "no limits";
        }
        StringBuilder text = new StringBuilder();
        memoryLimit.ifPresent(m -> text.append("memory ").append(m.toKubernetesQuantity()));
        cpuLimit.ifPresent(c -> text.append(text.length() > 0 ? ", " : "").append("cpu ").append(c));
        return text.toString();
    }
}
