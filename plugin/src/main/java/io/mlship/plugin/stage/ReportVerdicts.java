package io.mlship.plugin.stage;

import io.mlship.plugin.cli.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Each step's {@link StageVerdict} from the CLI's report (shapes as core writes them): a label short enough for a
 * stage box, and for a failure its name and message. Jenkins-free, so every label and message is unit-tested.
 */
public final class ReportVerdicts {

    /** mlScanImage: a finding reached failOn (not allowlisted). May be marked unstable. */
    public static final String GATE_FAILED = "GATE_FAILED";
    /** mlScanImage: some layer or file could not be read, so the gate cannot vouch for the image. Always fails. */
    public static final String INCOMPLETE = "INCOMPLETE";
    /** mlVerifyImage: OOM-killed, or the memory peak is above the headroom. May be marked unstable. */
    public static final String OOM = "OOM";
    /** mlVerifyImage: not ready, a sample failed, or any problem other than memory. Always fails. */
    public static final String FAILED = "FAILED";
    /** mlShadow's failures: the candidate was aborted, or not enough data to decide (nothing promoted). */
    public static final String SHADOW_ABORTED = "ABORTED";
    public static final String SHADOW_INCONCLUSIVE = "INCONCLUSIVE";
    public static final Set<String> SHADOW_SOFT = Set.of(SHADOW_ABORTED, SHADOW_INCONCLUSIVE);

    public static final Set<String> SCAN_SOFT = Set.of(GATE_FAILED);
    public static final Set<String> VERIFY_SOFT = Set.of(OOM);

    private static final int DIGEST_HEX_SHOWN = 12;

    private ReportVerdicts() {
    }

    /** "build: team/model:1 sha256:0123456789ab…, pushed"; a failed build: "build: FAILED at Dockerfile:7". */
    public static StageVerdict build(Report r, String failureMessage) {
        if (!"success".equals(r.string("status"))) {
            Object line = r.object("failingInstruction").get("line");
            return StageVerdict.failed("build: FAILED" + (line == null ? " (" + r.string("status") + ")" : " at Dockerfile:" + line),
                    FAILED, failureMessage);
        }
        return StageVerdict.passed("build: " + r.string("image") + " " + shortDigest(r.string("imageId"))
                + (r.string("pushed.reference") == null ? "" : ", pushed"));
    }

    /** "scan: 3 HIGH, 1 CRITICAL, gate passed"; the gate's failing findings are the message of a failure. */
    public static StageVerdict scan(Report r) {
        String image = r.string("image");
        String failOn = r.string("gate.failOn");
        List<String> counts = new ArrayList<>();
        r.object("summary.vulnerabilitiesBySeverity").forEach((level, count) -> {
            if (count instanceof Number n && n.longValue() > 0) {
                counts.add(n.longValue() + " " + level.toUpperCase(Locale.ROOT));
            }
        });
        int secrets = r.list("secrets").size();
        String found = (counts.isEmpty() ? "no vulnerabilities" : String.join(", ", counts))
                + (secrets == 0 ? "" : ", " + secrets + (secrets == 1 ? " secret" : " secrets"));
        List<Object> notScanned = r.list("gate.notScanned");
        if (!notScanned.isEmpty()) {
            return StageVerdict.failed("scan: " + found + ", INCOMPLETE", INCOMPLETE,
                    "mlScanImage: the scan of " + image + " is incomplete, these could not be read:\n" + lines(notScanned));
        }
        if ("passed".equals(r.string("status"))) {
            return StageVerdict.passed("scan: " + found + (failOn == null ? ", no gate" : ", gate passed"));
        }
        return StageVerdict.failed("scan: " + found + ", gate FAILED (fail on " + failOn + ")", GATE_FAILED,
                "mlScanImage: " + image + " failed the gate (fail on " + failOn + "):\n" + lines(r.list("gate.failing")));
    }

    /** "verify: PASSED peak 150.6 MiB / 256.0 MiB"; an OOM verdict names the limit to set. */
    public static StageVerdict verify(Report r) {
        String peak = r.number("memory.peakBytes").map(ReportVerdicts::bytes).orElse("?")
                + " / " + r.number("memory.limitBytes").map(ReportVerdicts::bytes).orElse("?");
        if ("passed".equals(r.string("status"))) {
            return StageVerdict.passed("verify: PASSED peak " + peak);
        }
        List<Object> problems = r.objects("problems").stream().map(p -> (Object) (p.get("kind") + ": " + p.get("message"))).toList();
        String message = "mlVerifyImage: " + r.string("image") + " failed verification:\n" + lines(problems);
        String recommended = r.string("memory.recommendedLimit");
        if (r.bool("oomVerdict")) {
            return StageVerdict.failed("verify: OOM peak " + peak + (recommended == null ? "" : ", set " + recommended), OOM, message);
        }
        return StageVerdict.failed("verify: FAILED peak " + peak + ", " + problems.size() + (problems.size() == 1 ? " problem" : " problems"),
                FAILED, message);
    }

    /**
     * "deploy: DEPLOYED iris@sha256:0123456789ab…", "deploy: ROLLED_BACK iris (OOM_KILLED)", "rollback: ROLLED_BACK iris".
     *
     * @param command        deploy or rollback, the label's head
     * @param reachedGoal    whether the step's goal was reached (DEPLOYED for deploy, ROLLED_BACK for rollback)
     * @param failureMessage the step's error when it was not
     */
    public static StageVerdict deploy(String command, Report r, boolean reachedGoal, String failureMessage) {
        String outcome = r.string("outcome");
        String image = r.string("image");
        String label = command + ": " + outcome + " " + r.string("object");
        if (image != null && image.contains("@sha256:")) {
            label += "@" + shortDigest(image.substring(image.indexOf('@') + 1));
        } else if (image != null) {
            label += " (" + image + ")";
        }
        String reason = r.string("failure.reason");
        label += reason == null ? "" : ", " + reason;
        return reachedGoal ? StageVerdict.passed(label) : StageVerdict.failed(label, outcome == null ? FAILED : outcome, failureMessage);
    }

    /** "diagnose: OOM_KILLED, limits.memory: 175Mi" (or "limits.memory: no data") (a diagnosis never fails the step). */
    public static StageVerdict diagnose(Report r) {
        Map<String, Object> limits = r.object("recommendation.limits");
        Object memory = limits.get("memory");
        return StageVerdict.passed("diagnose: " + r.string("verdict") + (memory == null ? "" : ", limits.memory: " + memory));
    }

    /**
     * "shadow: PROMOTED, agreement 1.0 over 240 pairs"; ABORTED and INCONCLUSIVE (nothing promoted) are failures a
     * pipeline may mark unstable instead, with the reason as the message.
     */
    public static StageVerdict shadow(Report r, String function) {
        String outcome = r.string("outcome");
        Object agreement = r.value("agreement").orElse(null);
        String label = "shadow: " + outcome + (agreement == null ? ", no agreement measured" : ", agreement " + agreement)
                + r.number("pairs").map(p -> " over " + p + " pairs").orElse("");
        if ("PROMOTED".equals(outcome)) {
            return StageVerdict.passed(label);
        }
        String failure = "INCONCLUSIVE".equals(outcome) ? SHADOW_INCONCLUSIVE : SHADOW_ABORTED;
        return StageVerdict.failed(label, failure, function + ": " + outcome + ": " + r.string("reason")
                + " (the live version is untouched; every decision is in shadow-report.json)");
    }

    /** "sha256:0123456789ab…" (enough to tell images apart in a stage box); null stays "". */
    static String shortDigest(String digest) {
        if (digest == null) {
            return "";
        }
        int hex = digest.indexOf(':') + 1;
        return digest.length() <= hex + DIGEST_HEX_SHOWN ? digest : digest.substring(0, hex + DIGEST_HEX_SHOWN) + "…";
    }

    /** Bytes in the largest binary unit that keeps one decimal, e.g. "512.0 MiB". */
    public static String bytes(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private static String lines(List<Object> items) {
        return items.stream().map(i -> "  " + i).collect(Collectors.joining("\n"));
    }
}
