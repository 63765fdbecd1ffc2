package io.mlship.cli;

import io.mlship.core.log.search.LogSearch;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Print the lines of a capture directory that match a regex, as source:line: text.",
                "Exit 0 when something matched, 1 when nothing did (like grep)."})
final class LogsSearchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "A directory a capture wrote (it has sources.tsv).")
    private Path directory;

    @Option(names = "--regex", required = true, description = "Java regular expression, found anywhere in a line.")
    private String regex;

    @Option(names = "--source", description = "Search only this source.")
    private String source;

    @Option(names = "--count", description = "Print only the number of matching lines.")
    private boolean count;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        StringBuilder pending = new StringBuilder(1 << 16);
        LogSearch.Result result = LogSearch.search(directory, regex, Optional.ofNullable(source), hit -> {
            if (!count) {
                pending.append(hit).append('\n');
                if (pending.length() > 1 << 15) {
                    out.print(pending);
                    pending.setLength(0);
                }
            }
        });
        out.print(pending);
        if (count) {
            out.println(result.matches());
        }
        out.flush();
        return result.matches() > 0 ? 0 : 1;
    }
}
