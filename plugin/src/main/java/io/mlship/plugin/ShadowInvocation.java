package io.mlship.plugin;

import io.mlship.core.log.PrintStreamLogSink;
import io.mlship.core.shadow.ShadowReport;
import io.mlship.core.shadow.judge.CandidateHealth;
import io.mlship.core.shadow.judge.Judgement;
import io.mlship.core.shadow.judge.PrometheusQueries;
import io.mlship.core.shadow.judge.ShadowJudge;
import io.mlship.core.shadow.judge.ShadowQueries;
import io.mlship.core.shadow.spec.ShadowSpec;
import io.mlship.core.shadow.spec.ShadowSpecReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The plain-Java half of {@code mlShadow}: step fields + workspace + build folder → the core judge over a running
 * shadow's comparator series, its report in the build's step folder.
 */
record ShadowInvocation(Path workspace, Path buildDirectory, Map<String, String> environment) {

    record Outcome(Judgement judgement, Path report) {
    }

    Outcome judge(ShadowStep step, PrintStream log) throws InterruptedException {
        ShadowSpec spec = ShadowSpecReader.read(workspace.resolve(step.getProject()));
        Path report = StepFolders.next(buildDirectory, "shadow").resolve(ShadowReport.FILE_NAME);
        Judgement judgement = new ShadowJudge(new PrometheusQueries(URI.create(step.getPrometheus())),
                new ShadowQueries(step.getShadowId()), spec.analysis(), spec.criteria(), Optional.empty(),
                CandidateHealth.Watch.none(), new PrintStreamLogSink(log)).judge();
        ShadowReport.write(step.getShadowId(), judgement, Optional.empty(), report);
        return new Outcome(judgement, report);
    }
}
