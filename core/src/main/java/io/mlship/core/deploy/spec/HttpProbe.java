package io.mlship.core.deploy.spec;

/** An HTTP GET probe of the model server (readiness or liveness). */
public record HttpProbe(String path, int initialDelaySeconds, int periodSeconds, int failureThreshold) {

    public static HttpProbe readinessDefault() {
        return new HttpProbe("/v2/health/ready", 0, 2, 3);
    }
}
