package io.mlship.core.shadow.judge;

import io.mlship.core.shadow.compare.ComparatorMetrics;

/**
 * The PromQL of each criterion over one shadow's series ({@code shadow="<id>"}). Counters are read as totals: a
 * comparator lives exactly as long as its shadow, so its counters are the shadow's whole history, and agreement is
 * then exactly agreeing pairs over compared pairs.
 */
public record ShadowQueries(String shadowId) {

    private String selector(String extra) {
        return "{shadow=\"" + shadowId + "\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    public String pairs() {
        return "sum(" + ComparatorMetrics.PAIRS + selector("result=~\"agree|disagree\"") + ")";
    }

    public String agreement() {
        return "sum(" + ComparatorMetrics.PAIRS + selector("result=\"agree\"") + ") / " + pairs();
    }

    public String candidateRequests() {
        return requests("candidate");
    }

    public String baselineRequests() {
        return requests("baseline");
    }

    private String requests(String variant) {
        return "sum(" + ComparatorMetrics.REQUESTS + selector("variant=\"" + variant + "\"") + ")";
    }

    /** Non-2xx answers, time-outs and connection errors of the candidate over all its requests. */
    public String candidateErrorRate() {
        return "(sum(" + ComparatorMetrics.REQUESTS + selector("variant=\"candidate\",code!~\"2..\"") + ") or vector(0)) / "
                + candidateRequests();
    }

    public String p99(String variant) {
        return "histogram_quantile(0.99, sum by (le) (" + ComparatorMetrics.DURATION + "_bucket"
                + selector("variant=\"" + variant + "\"") + "))";
    }

    public String latencyRatio() {
        return p99("candidate") + " / " + p99("baseline");
    }

    public String droppedCopies() {
        return "sum(" + ComparatorMetrics.DROPPED + selector("") + ")";
    }
}
