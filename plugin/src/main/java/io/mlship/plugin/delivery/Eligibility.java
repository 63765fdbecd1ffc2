package io.mlship.plugin.delivery;

import java.util.List;

/**
 * Whether a build may be promoted or rolled back to, decided on the server from the builds as they are now:
 * the request to schedule when it may, else why not ({@code unknownBuild}: no such build among the recent ones).
 */
public record Eligibility(DeliveryRequest request, List<String> reasons, boolean unknownBuild) {

    public Eligibility {
        reasons = List.copyOf(reasons);
    }

    static Eligibility eligible(DeliveryRequest request) {
        return new Eligibility(request, List.of(), false);
    }

    static Eligibility refused(List<String> reasons) {
        return new Eligibility(null, reasons, false);
    }

    static Eligibility unknown(int build) {
        return new Eligibility(null, List.of("build #" + build + " does not exist or is not among the last "
                + History.WINDOW + " builds of this job"), true);
    }

    public boolean eligible() {
        return request != null;
    }
}
