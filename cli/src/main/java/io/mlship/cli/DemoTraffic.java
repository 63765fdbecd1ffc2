package io.mlship.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlship.core.MlshipException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The live traffic of the demo's shadow stages: the example's evaluation inputs ({@code eval/inputs.json}), one
 * inference request each, sent through the edge at about 20 requests a second, in passes over the whole set. Between
 * passes the traffic goes on at the same rate as GETs of the model's metadata, which the mirror does not copy (it copies
 * POSTs to the inference path): the judge (1 s checks on 1 s scrapes) then sees one whole pass, however far the
 * comparator lags behind on a busy machine, so the agreement it measures is over exactly the evaluation set the
 * training's disagreement was recorded on. Every answer that is not 200, or no answer at all, is a live error, counted
 * here.
 */
final class DemoTraffic implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI infer;
    private final URI metadata;
    private final List<String> bodies;
    private final long periodMillis;
    private final Duration pause;
    private final Thread thread;
    private final List<Long> millis = new ArrayList<>();
    private volatile boolean stopping;
    private long sent;
    private long errors;
    private String firstError;

    /** What was sent and how it went: live errors are answers that were not 200, or none at all. */
    record Counts(long sent, long errors, String firstError, long p50Millis, long p99Millis) {
    }

    private DemoTraffic(URI model, List<String> bodies, double perSecond, Duration pause) {
        this.infer = URI.create(model + "/infer");
        this.metadata = model;
        this.bodies = bodies;
        this.periodMillis = Math.round(1000 / perSecond);
        this.pause = pause;
        this.thread = new Thread(this::send, "mlship-demo-traffic");
        thread.setDaemon(true);
    }

    /** Requests for {@code model}'s inference path at {@code serviceUrl} (the edge), from the project's evaluation inputs. */
    static DemoTraffic of(Path project, String serviceUrl, String model, double perSecond, Duration pause) {
        Path inputs = project.resolve("eval/inputs.json");
        List<String> bodies = new ArrayList<>();
        try {
            for (JsonNode row : JSON.readTree(inputs.toFile()).get("rows")) {
                bodies.add(JSON.writeValueAsString(Map.of("inputs", List.of(Map.of("name", "input-0", "datatype", "FP32",
                        "shape", List.of(1, row.size()), "data", row)))));
            }
        } catch (IOException | NullPointerException e) {
            throw new MlshipException(inputs + ": cannot read the evaluation inputs ({\"rows\": [[...], ...]}) the demo's "
                    + "live traffic sends: " + e.getMessage() + ". Retrain the example (examples/iris-model/README.md) to write it");
        }
        // the service URL ends with '/'; a doubled slash would not match the edge's mirrored location
        return new DemoTraffic(URI.create(serviceUrl.replaceAll("/+$", "") + "/v2/models/" + model), bodies, perSecond, pause);
    }

    /** Rows per pass. */
    int passSize() {
        return bodies.size();
    }

    void start() {
        if (thread.getState() == Thread.State.NEW) {
            thread.start();
        }
    }

    private void send() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            while (!stopping) {
                for (String body : bodies) {
                    if (stopping) {
                        return;
                    }
                    call(http, HttpRequest.newBuilder(infer).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)));
                }
                long pauseEnd = System.nanoTime() + pause.toNanos();
                while (!stopping && System.nanoTime() < pauseEnd) {
                    call(http, HttpRequest.newBuilder(metadata).GET());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One live request, then a sleep to keep the rate. */
    private void call(HttpClient http, HttpRequest.Builder request) throws InterruptedException {
        long start = System.nanoTime();
        String error = null;
        try {
            HttpResponse<String> answer = http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                error = answer.statusCode() + " " + answer.body().strip();
            }
        } catch (IOException e) {
            error = "no answer: " + e;
        }
        long took = (System.nanoTime() - start) / 1_000_000;
        record(took, error);
        Thread.sleep(Math.max(0, periodMillis - took));
    }

    private synchronized void record(long took, String error) {
        sent++;
        millis.add(took);
        if (error != null) {
            errors++;
            if (firstError == null) {
                firstError = error;
            }
        }
    }

    /** Stops sending (a request in flight is abandoned, not counted) and returns the counts. */
    Counts stop() throws InterruptedException {
        stopping = true;
        thread.interrupt();
        thread.join(15_000);
        synchronized (this) {
            List<Long> sorted = millis.stream().sorted().toList();
            long p50 = sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
            long p99 = sorted.isEmpty() ? 0 : sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
            return new Counts(sent, errors, firstError, p50, p99);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
