package io.mlship.core.shadow.spec;

import io.mlship.core.MlshipException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which live requests are copied to the shadow. The default is POST to the inference path only: a mirror must never
 * replay writes it was not told to.
 */
public record MirrorSpec(double percent, List<String> methods, List<String> paths) {

    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");

    public MirrorSpec {
        if (!(percent > 0 && percent <= 100)) {
            throw new MlshipException("deploy.shadow.mirror.percent " + percent + " must be above 0 and at most 100, e.g. 100");
        }
        methods = methods == null || methods.isEmpty() ? List.of("POST") : List.copyOf(methods);
        paths = paths == null ? List.of() : List.copyOf(paths);
        for (String method : methods) {
            if (!METHOD.matcher(method).matches()) {
                throw new MlshipException("deploy.shadow.mirror.methods `" + method + "` is not an HTTP method in capitals, e.g. POST");
            }
        }
        for (String path : paths) {
            if (!path.startsWith("/") || path.contains(" ")) {
                throw new MlshipException("deploy.shadow.mirror.paths `" + path + "` must start with / and hold no spaces, "
                        + "e.g. /v2/models/iris/infer");
            }
        }
    }

    /** The KServe V2 inference path of a model: what is mirrored when no path is given. */
    public static String inferencePath(String model) {
        return "/v2/models/" + model + "/infer";
    }

    /** The paths to copy: those given, else the model's inference path. */
    public List<String> pathsFor(String model) {
        return paths.isEmpty() ? List.of(inferencePath(model)) : paths;
    }
}
