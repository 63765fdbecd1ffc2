package io.mlship.core.deploy.docker;

import io.mlship.core.MlshipException;
import java.util.regex.Pattern;

/**
 * A copy of live traffic for a candidate (shadow promotion): {@code percent} of the requests with
 * {@code method} whose path starts with {@code pathPrefix} are also sent to {@code target}
 * ({@code host:port}, reachable from the edge container, e.g. a container on the deploy's private network).
 * Fire-and-forget: the live answer never waits for the copy, and the copy's answer is discarded.
 */
public record EdgeMirror(String target, double percent, String method, String pathPrefix) {

    /**
     * Starts the edge's log line (on its container's stderr) of each live answer that was not 2xx while this mirror
     * was on; the mirror's target follows, so one shadow's lines are told from another's.
     */
    public static final String LIVE_ERROR_TAG = "mlship-live-error mirror=";

    private static final Pattern TARGET = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9])?:[0-9]{1,5}");
    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");
    // what may stand in an nginx location prefix without quoting: no spaces, braces, quotes or semicolons
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._~/%:@!$&'()*+,=-]*");

    public EdgeMirror {
        if (target == null || !TARGET.matcher(target).matches()) {
            throw new MlshipException("mirror target `" + target + "` is not host:port (e.g. iris-shadow:8080): "
                    + "give the address the edge container can reach");
        }
        int port = Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
        if (port < 1 || port > 65535) {
            throw new MlshipException("mirror target `" + target + "` has port " + port + ", which is not in 1-65535");
        }
        if (!(percent > 0 && percent <= 100)) {
            throw new MlshipException("mirror percent " + percent + " is not in (0, 100]: give the share of requests to copy, e.g. 10");
        }
        if (method == null || !METHOD.matcher(method).matches()) {
            throw new MlshipException("mirror method `" + method + "` is not an HTTP method in capitals, e.g. POST");
        }
        if (pathPrefix == null || !PATH.matcher(pathPrefix).matches() || pathPrefix.startsWith("/.mlship")) {
            throw new MlshipException("mirror path `" + pathPrefix + "` must start with / and hold only URL path characters "
                    + "(and not be mlship's own /.mlship), e.g. /v2/models/iris/infer");
        }
    }

    /** The default: POST requests to the model's inference path only. */
    public static EdgeMirror inference(String target, double percent, String inferencePath) {
        return new EdgeMirror(target, percent, "POST", inferencePath);
    }
}
