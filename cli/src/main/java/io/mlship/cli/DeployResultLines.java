package io.mlship.cli;

import io.mlship.core.deploy.DeployResult;
import java.io.PrintWriter;

/** The closing lines of a deploy or rollback: outcome, the failure in one line, the rollback, the evidence. */
final class DeployResultLines {

    private DeployResultLines() {
    }

    static void print(DeployResult result, PrintWriter out) {
        out.println();
        out.println("== " + result.target() + " " + result.object() + ": " + result.outcome()
                + result.revision().map(r -> " (revision " + r + ")").orElse("") + " in " + result.duration().toMillis() + " ms");
        result.url().ifPresent(u -> out.println("   url:      " + u + result.edge().map(e -> " (edge container " + e + ")").orElse("")));
        result.failure().ifPresent(f -> out.println("   failure:  " + f.summary()));
        result.rollbackNote().ifPresent(n -> out.println("   rollback: " + n));
        out.println("   evidence: " + result.logDirectory().toAbsolutePath());
        out.flush();
    }
}
