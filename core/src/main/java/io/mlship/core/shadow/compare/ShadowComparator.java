package io.mlship.core.shadow.compare;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mlship.core.MlshipException;
import io.mlship.core.log.LogSink;
import io.mlship.core.shadow.compare.ComparatorMetrics.Variant;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Receives mirrored copies of live requests, sends each to the baseline and the candidate, pairs their answers and
 * compares the outputs; serves the counts at {@code /metrics}. A copy is acknowledged (202) as soon as it is queued:
 * the mirror never waits for the models. When the bounded queue is full the copy is dropped and counted, so a slow or
 * dead candidate can neither slow the live path nor grow this process without bound.
 */
public final class ShadowComparator implements AutoCloseable {

    /** Paths the comparator answers itself; every other path is a mirrored copy. */
    public static final String METRICS_PATH = "/metrics";
    public static final String READY_PATH = "/-/ready";

    private final ComparatorSettings settings;
    private final ComparatorMetrics metrics;
    private final OutputComparison comparison;
    private final BlockingQueue<Copy> queue;
    private final HttpClient client;
    private final HttpServer server;
    private final ExecutorService workers;
    private final ExecutorService acceptor;
    private final LogSink log;
    private volatile boolean closed;
    /** The first copy and the first failed answer of each variant are logged once: enough to see a wrong path or host. */
    private final java.util.concurrent.atomic.AtomicBoolean firstCopySeen = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.Set<String> failureSeen = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private record Copy(String method, String pathAndQuery, String contentType, byte[] body) {
    }

    private ShadowComparator(ComparatorSettings settings, LogSink log) throws IOException {
        this.settings = settings;
        this.log = log;
        this.metrics = new ComparatorMetrics(settings.shadowId());
        this.comparison = new OutputComparison(settings.criteria());
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout()).version(HttpClient.Version.HTTP_1_1).build();
        this.server = HttpServer.create(settings.listen(), 256);
        this.acceptor = Executors.newFixedThreadPool(4, daemon("shadow-accept"));
        this.workers = Executors.newFixedThreadPool(settings.workers(), daemon("shadow-compare"));
        server.setExecutor(acceptor);
        server.createContext("/", this::handle);
    }

    /** Starts listening and comparing; close it to stop. */
    public static ShadowComparator start(ComparatorSettings settings, LogSink log) {
        try {
            ShadowComparator comparator = new ShadowComparator(settings, log);
            comparator.server.start();
            for (int i = 0; i < settings.workers(); i++) {
                comparator.workers.execute(comparator::work);
            }
            log.line("shadow comparator " + settings.shadowId() + " listens on " + comparator.address()
                    + ", baseline " + settings.baseline() + ", candidate " + settings.candidate());
            return comparator;
        } catch (IOException e) {
            throw new MlshipException("the shadow comparator cannot listen on " + settings.listen() + ": " + e.getMessage()
                    + "; choose a free port with --listen", e);
        }
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    public ComparatorSettings settings() {
        return settings;
    }

    public ComparatorMetrics metrics() {
        return metrics;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String own = exchange.getRequestURI().getPath();
            if (own.equals(METRICS_PATH)) {
                reply(exchange, 200, "text/plain; version=0.0.4", metrics.exposition());
                return;
            }
            if (own.equals(READY_PATH)) {
                reply(exchange, 200, "text/plain", "ready\n");
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            metrics.copyReceived();
            if (firstCopySeen.compareAndSet(false, true)) {
                log.line("first mirrored copy: " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + " (" + body.length + " bytes)");
            }
            // The request line as sent: the edge's mirror sends "//v2/...", which java.net.URI reads as authority "v2"
            // and path "/..."; repeated slashes are merged, as nginx does for the live path (merge_slashes).
            String target = exchange.getRequestURI().toString();
            int q = target.indexOf('?');
            String path = (q < 0 ? target : target.substring(0, q)).replaceAll("/{2,}", "/");
            Copy copy = new Copy(exchange.getRequestMethod(), path + (q < 0 ? "" : target.substring(q)),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body);
            if (!queue.offer(copy)) {
                metrics.copyDropped();
            }
            exchange.sendResponseHeaders(202, -1);
        }
    }

    private static void reply(HttpExchange exchange, int code, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void work() {
        while (!closed) {
            Copy copy;
            try {
                copy = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (copy != null) {
                compare(copy);
            }
        }
    }

    private record Answer(String code, byte[] body) {
        boolean ok() {
            return code.length() == 3 && code.charAt(0) == '2';
        }
    }

    private void compare(Copy copy) {
        CompletableFuture<Answer> baseline = send(Variant.BASELINE, settings.baseline(), copy);
        CompletableFuture<Answer> candidate = send(Variant.CANDIDATE, settings.candidate(), copy);
        Answer b = baseline.join();
        Answer c = candidate.join();
        if (b.ok() && c.ok()) {
            metrics.compared(comparison.compare(b.body(), c.body()));
        } else {
            metrics.unpaired();
        }
    }

    private CompletableFuture<Answer> send(String variant, URI base, Copy copy) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(strip(base.toString()) + copy.pathAndQuery()))
                .timeout(settings.timeout())
                .method(copy.method(), HttpRequest.BodyPublishers.ofByteArray(copy.body()));
        if (copy.contentType() != null) {
            request.header("Content-Type", copy.contentType());
        }
        long start = System.nanoTime();
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, failure) -> {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    Answer answer;
                    if (failure == null) {
                        answer = new Answer(Integer.toString(response.statusCode()), response.body());
                    } else {
                        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                        answer = new Answer(cause instanceof HttpTimeoutException ? "timeout" : "error", new byte[0]);
                    }
                    metrics.answered(variant, answer.code(), seconds);
                    if (!answer.ok() && failureSeen.add(variant)) {
                        String text = new String(answer.body(), StandardCharsets.UTF_8);
                        log.line("first failed answer of the " + variant + ": " + answer.code() + " for " + copy.method() + " "
                                + copy.pathAndQuery() + ": " + text.substring(0, Math.min(200, text.length())));
                    }
                    return answer;
                });
    }

    private static String strip(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        workers.shutdownNow();
        acceptor.shutdownNow();
        log.line("shadow comparator " + settings.shadowId() + " stopped: " + metrics.received() + " copies received, "
                + metrics.dropped() + " dropped");
    }
}
