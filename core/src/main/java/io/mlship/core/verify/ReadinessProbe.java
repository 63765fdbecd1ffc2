package io.mlship.core.verify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Polls a readiness endpoint until it answers 200, the container stops, or time runs out. Shared by
 * verify and the docker deploy target.
 */
public final class ReadinessProbe {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

    /** How waiting ended; {@code lastAnswer} says what the endpoint last did (status or connection error). */
    public record Outcome(boolean ready, Duration waited, String lastAnswer) {
    }

    private final HttpClient http;

    public ReadinessProbe(HttpClient http) {
        this.http = http;
    }

    public Outcome await(URI endpoint, Duration timeout, BooleanSupplier containerRunning) throws InterruptedException {
        Instant start = Instant.now();
        Instant deadline = start.plus(timeout);
        String lastAnswer = "no answer yet";
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(REQUEST_TIMEOUT).GET().build();
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return new Outcome(true, Duration.between(start, Instant.now()), "HTTP 200");
                }
                lastAnswer = "HTTP " + response.statusCode();
            } catch (IOException e) {
                lastAnswer = "connection failed (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
            }
            if (!containerRunning.getAsBoolean()) {
                return new Outcome(false, Duration.between(start, Instant.now()), lastAnswer + "; the container stopped");
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        return new Outcome(false, Duration.between(start, Instant.now()), lastAnswer);
    }
}
