package io.mlship.plugin.delivery;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a Promote or Rollback button asks the job's next build to do: deploy {@code image} (from build
 * {@code sourceBuild}) to {@code target}. The pipeline reads it from {@link #environment()}.
 */
public record DeliveryRequest(Kind kind, int sourceBuild, String image, String target, String object) {

    public static final String REQUEST = "MLSHIP_REQUEST";
    public static final String SOURCE_BUILD = "MLSHIP_SOURCE_BUILD";
    public static final String IMAGE = "MLSHIP_IMAGE";
    public static final String TARGET = "MLSHIP_TARGET";

    /** Fails closed: a request that names no kind, build or image must not run as a plain build would. */
    public DeliveryRequest {
        if (kind == null || sourceBuild < 1 || image == null || image.isBlank()) {
            throw new IllegalArgumentException("not a valid mlship delivery request: kind " + kind + ", source build "
                    + sourceBuild + ", image " + image + " (was the build's build.xml edited?)");
        }
    }

    public enum Kind {
        /** Deploy a build's image that passed its scan gate and verification. */
        PROMOTE,
        /** Deploy again the image that was live on a target before the current one. */
        ROLLBACK;

        /** The value of MLSHIP_REQUEST. */
        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The kind named by an MLSHIP_REQUEST value, or null. */
        public static Kind of(String value) {
            for (Kind k : values()) {
                if (k.value().equals(value)) {
                    return k;
                }
            }
            return null;
        }
    }

    /** MLSHIP_REQUEST, MLSHIP_SOURCE_BUILD, MLSHIP_IMAGE and (when the request names one) MLSHIP_TARGET. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(REQUEST, kind.value());
        env.put(SOURCE_BUILD, Integer.toString(sourceBuild));
        env.put(IMAGE, image);
        if (target != null) {
            env.put(TARGET, target);
        }
        return env;
    }

    /** One line for the build page and the queue. */
    public String describe() {
        return (kind == Kind.PROMOTE ? "Promote of build #" : "Rollback to build #") + sourceBuild + ": " + image
                + (target == null ? "" : " to " + target + (object == null ? "" : " " + object));
    }
}
