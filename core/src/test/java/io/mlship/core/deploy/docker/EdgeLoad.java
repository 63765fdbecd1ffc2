package io.mlship.core.deploy.docker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Constant load for the tests: {@code threads} clients, each sending the inference request in a loop
 * over keep-alive connections (as a production client would), recording every answer. A request
 * counts as failed when it gets no answer or an answer other than 200. Nothing is retried.
 */
final class EdgeLoad implements AutoCloseable {

    record Answer(long nanos, int status, String body, String error, long startedAt) {
        boolean failed() {
            return status != 200;
        }
    }

    private final List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    EdgeLoad(URI target, int threads) {
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> loop(target), "edge-load-" + i);
            t.setDaemon(true);
            this.threads.add(t);
            t.start();
        }
    }

    private void loop(URI target) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        while (running.get()) {
            answers.add(send(http, target));
        }
    }

    static Answer send(HttpClient http, URI target) {
        HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TestModelImage.SAMPLE)).build();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(System.nanoTime() - start, response.statusCode(), response.body(), "", start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(System.nanoTime() - start, -1, "", "interrupted", start);
        } catch (Exception e) {
            return new Answer(System.nanoTime() - start, -1, "", e.getClass().getSimpleName() + ": " + e.getMessage(), start);
        }
    }

    List<Answer> answers() {
        synchronized (answers) {
            return List.copyOf(answers);
        }
    }

    /** Milliseconds from the first failed request's start to the last one's end (0 without failures): the outage. */
    long failingMillis() {
        List<Answer> failed = answers().stream().filter(Answer::failed).toList();
        if (failed.isEmpty()) {
            return 0;
        }
        long first = failed.stream().mapToLong(Answer::startedAt).min().orElseThrow();
        long last = failed.stream().mapToLong(a -> a.startedAt() + a.nanos()).max().orElseThrow();
        return (last - first) / 1_000_000;
    }

    long failed() {
        return answers().stream().filter(Answer::failed).count();
    }

    String describeFailures() {
        return answers().stream().filter(Answer::failed).limit(10).map(a -> a.status() + " " + a.error() + " " + a.body()).toList().toString();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(15_000);
        }
    }

    static long percentile(List<Answer> answers, double p) {
        List<Long> sorted = answers.stream().map(Answer::nanos).sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100 * sorted.size()) - 1));
    }
}
