package io.mlship.core.log.classify;

import io.mlship.core.secret.SecretRules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * First, cheap look at a line: which kinds of literal it contains (a possible secret, a possible
 * probe or keep-alive, an error or warning word). One pass of the scanner; the secret patterns
 * ({@link io.mlship.core.log.mask.SecretMasker}) then run only on lines it flagged. The built-in noise rules are its literals.
 */
public final class LineClassifier {

    public static final int SECRET = 1;
    public static final int NOISE = 1 << 1;
    public static final int ERROR = 1 << 2;
    public static final int WARN = 1 << 3;

    /** The shared rules' words and secret keys: the masker runs only on lines holding one (or a bound value). */
    private static final Set<String> SECRET_WORDS = SecretRules.lineWords();
    /** Probe and health-check traffic: user agents of probes and the health endpoints of servers and KServe. */
    static final String[] PROBE_WORDS = {
        "kube-probe/", "elb-healthchecker/", "googlehc/", "get /health", "get /ready", "get /live", "head /health", "get /ping",
        "get /v2/health/", "head /v2/health/", "get /v1/health"};
    /** Keep-alive chatter: these words on their own (a word boundary on both sides). */
    static final String[] CHATTER_WORDS = {"keepalive", "keep-alive", "heartbeat", "ping", "pong"};
    private static final String[] ERROR_WORDS = {"error", "fatal", "panic", "traceback", "failed", "failure", "oomkilled",
        "crashloopbackoff", "critical"};
    private static final String[] WARN_WORDS = {"warn", "warning", "deprecated"};

    private final TriggerScanner scanner;

    public LineClassifier(Collection<String> secretValues) {
        List<TriggerScanner.Trigger> triggers = new ArrayList<>();
        for (String word : SECRET_WORDS) {
            triggers.add(new TriggerScanner.Trigger(word, SECRET, false, false));
        }
        for (String value : secretValues) {
            if (value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= 3) { // shorter ones would flag most lines
                triggers.add(new TriggerScanner.Trigger(value, SECRET, false, false));
            }
        }
        for (String word : PROBE_WORDS) {
            triggers.add(new TriggerScanner.Trigger(word, NOISE, false, false));
        }
        for (String word : CHATTER_WORDS) {
            triggers.add(new TriggerScanner.Trigger(word, NOISE, true, true));
        }
        for (String word : ERROR_WORDS) {
            triggers.add(new TriggerScanner.Trigger(word, ERROR, true, true));
        }
        // Java and Python name their errors SomethingException / SomethingError: a word end is enough.
        triggers.add(new TriggerScanner.Trigger("exception", ERROR, false, true));
        triggers.add(new TriggerScanner.Trigger("error:", ERROR, false, false));
        for (String word : WARN_WORDS) {
            triggers.add(new TriggerScanner.Trigger(word, WARN, true, true));
        }
        this.scanner = new TriggerScanner(triggers);
    }

    public int classify(byte[] bytes, int from, int to) {
        return scanner.scan(bytes, from, to);
    }

    /** Splits a buffer into lines and classifies each in the same pass; returns where the unfinished last line starts. */
    public int classifyLines(byte[] bytes, int from, int to, TriggerScanner.LineReceiver receiver) {
        return scanner.scanLines(bytes, from, to, receiver);
    }
}
