package io.mlship.core.shadow.compare;

import io.mlship.core.MlshipException;
import io.mlship.core.log.LogSink;
import io.mlship.core.shadow.spec.CriteriaSpec;
import io.mlship.core.shadow.spec.OutputRule;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The comparator container's entry: {@code java -cp 'lib/*' io.mlship.core.shadow.compare.ComparatorMain --listen
 * 0.0.0.0:9000 --baseline URL --candidate URL --shadow-id ID [--output NAME=class|number[:TOLERANCE]]... [--queue N]
 * [--workers N] [--timeout-seconds N]}. It needs only core's classes and Jackson, so a shadow copies just those next
 * to the models (the CLI's {@code mlship shadow comparator} is the same server for a user's own host).
 */
public final class ComparatorMain {

    private ComparatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ComparatorSettings settings;
        try {
            settings = parse(args);
        } catch (MlshipException e) {
            System.err.println("mlship comparator: " + e.getMessage());
            System.exit(2);
            return;
        }
        LogSink out = line -> {
            System.out.println(line);
            System.out.flush();
        };
        ShadowComparator comparator = ShadowComparator.start(settings, out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            comparator.close();
            stopped.countDown();
        }));
        stopped.await();
    }

    static ComparatorSettings parse(String[] args) {
        ComparatorSettings.Builder builder = ComparatorSettings.builder();
        List<OutputRule> outputs = new ArrayList<>();
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new MlshipException(args[i] + " needs a value");
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--listen" -> {
                    int colon = value.lastIndexOf(':');
                    if (colon < 1) {
                        throw new MlshipException("--listen `" + value + "` must be host:port, e.g. 0.0.0.0:9000");
                    }
                    builder.listen(new InetSocketAddress(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1))));
                }
                case "--baseline" -> builder.baseline(URI.create(value));
                case "--candidate" -> builder.candidate(URI.create(value));
                case "--shadow-id" -> builder.shadowId(value);
                case "--queue" -> builder.queueCapacity(Integer.parseInt(value));
                case "--workers" -> builder.workers(Integer.parseInt(value));
                case "--timeout-seconds" -> builder.timeout(Duration.ofSeconds(Long.parseLong(value)));
                case "--output" -> outputs.add(output(value));
                default -> throw new MlshipException("unknown option " + args[i]);
            }
        }
        CriteriaSpec d = CriteriaSpec.defaults();
        return builder.criteria(new CriteriaSpec(d.minAgreement(), outputs, d.maxErrorRate(), d.maxLatencyRatio(), d.maxMemoryShare()))
                .build();
    }

    /** {@code class=class}, {@code probabilities=number:0.01}. */
    static OutputRule output(String text) {
        int eq = text.indexOf('=');
        if (eq < 1) {
            throw new MlshipException("--output `" + text + "` must be NAME=class or NAME=number[:TOLERANCE]");
        }
        String name = text.substring(0, eq);
        String kind = text.substring(eq + 1);
        if (kind.equals("class")) {
            return OutputRule.classes(name);
        }
        if (kind.equals("number")) {
            return OutputRule.numbers(name, CriteriaSpec.DEFAULT_TOLERANCE);
        }
        if (kind.startsWith("number:")) {
            return OutputRule.numbers(name, Double.parseDouble(kind.substring(7)));
        }
        throw new MlshipException("--output `" + text + "` must be NAME=class or NAME=number[:TOLERANCE]");
    }

    /** The arguments for {@code rule}, the inverse of {@link #output}. */
    public static String argument(OutputRule rule) {
        return rule.output() + "=" + (rule.kind() == OutputRule.Kind.CLASS ? "class" : "number:" + rule.relativeTolerance());
    }
}
