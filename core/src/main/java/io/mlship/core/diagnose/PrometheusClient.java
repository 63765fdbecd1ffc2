package io.mlship.core.diagnose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlship.core.MlshipException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Instant queries against Prometheus' HTTP API; a failure is an error naming the server and the query, never a number. */
final class PrometheusClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final HttpClient http;

    PrometheusClient(URI base) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    URI base() {
        return base;
    }

    /** What a range selector ({@code metric[14d]}) holds: the sample count, first and last time, maximum, over all series. */
    record Samples(long count, double first, double last, double max) {
    }

    /** Runs queries concurrently (each on its own request): a diagnosis asks about ten, most of them cheap. */
    <T> CompletableFuture<T> async(java.util.function.Supplier<T> query) {
        return CompletableFuture.supplyAsync(query, POOL);
    }

    private static final java.util.concurrent.ExecutorService POOL = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mlship-prometheus-query");
        t.setDaemon(true);
        return t;
    });

    Samples samples(String rangeSelector, Instant at) {
        JsonNode result = query(rangeSelector, at).path("result");
        long count = 0;
        double first = Double.NaN;
        double last = Double.NaN;
        double max = Double.NaN;
        for (JsonNode series : result) {
            for (JsonNode point : series.path("values")) {
                double t = point.get(0).asDouble();
                double v = Double.parseDouble(point.get(1).asText());
                count++;
                first = Double.isNaN(first) ? t : Math.min(first, t);
                last = Double.isNaN(last) ? t : Math.max(last, t);
                max = Double.isNaN(max) ? v : Math.max(max, v);
            }
        }
        return new Samples(count, first, last, max);
    }

    /** The value of a query that yields one number (a one-element vector or a scalar); empty when it yields none. */
    Optional<Double> scalar(String promql, Instant at) {
        JsonNode data = query(promql, at);
        JsonNode result = data.path("result");
        JsonNode value;
        if ("scalar".equals(data.path("resultType").asText())) {
            value = result;
        } else if (result.isArray() && result.size() > 0) {
            if (result.size() > 1) {
                throw new MlshipException("Prometheus at " + base + " answered " + result.size() + " series to `" + promql
                        + "`, where mlship expected one; the name matches several containers, name one");
            }
            value = result.get(0).path("value");
        } else {
            return Optional.empty();
        }
        double number = Double.parseDouble(value.get(1).asText());
        return Double.isNaN(number) || Double.isInfinite(number) ? Optional.empty() : Optional.of(number);
    }

    private JsonNode query(String promql, Instant at) {
        String url = base + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&time=" + String.format(Locale.ROOT, "%.3f", at.toEpochMilli() / 1000.0);
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new MlshipException("Prometheus at " + base + " does not answer (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); start it with `scripts/services start`"
                    + " or pass the right --prometheus URL, or leave --prometheus out to sample the container's stats instead", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MlshipException("interrupted while querying Prometheus at " + base, e);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new MlshipException("Prometheus at " + base + " answered HTTP " + response.statusCode()
                    + " with a body that is not its API's JSON; is --prometheus the server's base URL (like http://127.0.0.1:9090)?");
        }
        if (!"success".equals(body.path("status").asText())) {
            throw new MlshipException("Prometheus at " + base + " rejected `" + promql + "`: HTTP " + response.statusCode() + ", "
                    + body.path("errorType").asText("?") + ": " + body.path("error").asText("no message"));
        }
        return body.path("data");
    }
}
