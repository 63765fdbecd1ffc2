package io.mlship.core.diagnose;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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

    /**
     * Streams through the answer instead of building a tree: 14 days of 30 s samples are 40 320 pairs (1 MB) per
     * series, and a tree of them cost a cold JVM more than the query.
     */
    Samples samples(String rangeSelector, Instant at) {
        HttpResponse<byte[]> response = send(rangeSelector, at, HttpResponse.BodyHandlers.ofByteArray());
        long count = 0;
        double first = Double.NaN;
        double last = Double.NaN;
        double max = Double.NaN;
        boolean success = false;
        try (JsonParser json = JSON.getFactory().createParser(response.body())) {
            String field = null;
            int depth = 0;
            int valuesDepth = -1;
            double time = 0;
            int position = 0;
            for (JsonToken token = json.nextToken(); token != null; token = json.nextToken()) {
                switch (token) {
                    case FIELD_NAME -> field = json.currentName();
                    case START_ARRAY -> {
                        depth++;
                        if ("values".equals(field) && valuesDepth < 0) {
                            valuesDepth = depth;
                        } else if (valuesDepth > 0 && depth == valuesDepth + 1) {
                            position = 0;
                        }
                    }
                    case END_ARRAY -> {
                        if (depth == valuesDepth) {
                            valuesDepth = -1;
                            field = null;
                        }
                        depth--;
                    }
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                        if (valuesDepth > 0 && depth == valuesDepth + 1 && position++ == 0) {
                            time = json.getDoubleValue();
                        }
                    }
                    case VALUE_STRING -> {
                        if (valuesDepth > 0 && depth == valuesDepth + 1 && position++ == 1) {
                            double v = Double.parseDouble(json.getText());
                            count++;
                            first = Double.isNaN(first) ? time : Math.min(first, time);
                            last = Double.isNaN(last) ? time : Math.max(last, time);
                            max = Double.isNaN(max) ? v : Math.max(max, v);
                        } else if ("status".equals(field) && depth == 0) {
                            success = "success".equals(json.getText());
                        }
                    }
                    default -> { }
                }
            }
        } catch (IOException e) {
            throw notJson(response.statusCode());
        }
        if (!success) {
            query(rangeSelector, at); // asks again for the error in full, and throws it
        }
        return new Samples(count, first, last, max);
    }

    private MlshipException notJson(int status) {
        return new MlshipException("Prometheus at " + base + " answered HTTP " + status
                + " with a body that is not its API's JSON; is --prometheus the server's base URL (like http://127.0.0.1:9090)?");
    }

    private <T> HttpResponse<T> send(String promql, Instant at, HttpResponse.BodyHandler<T> handler) {
        String url = base + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&time=" + String.format(Locale.ROOT, "%.3f", at.toEpochMilli() / 1000.0);
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build(), handler);
        } catch (IOException e) {
            throw new MlshipException("Prometheus at " + base + " does not answer (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); start it with `scripts/services start`"
                    + " or pass the right --prometheus URL, or leave --prometheus out to sample the container's stats instead", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MlshipException("interrupted while querying Prometheus at " + base, e);
        }
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
        HttpResponse<String> response = send(promql, at, HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw notJson(response.statusCode());
        }
        if (!"success".equals(body.path("status").asText())) {
            throw new MlshipException("Prometheus at " + base + " rejected `" + promql + "`: HTTP " + response.statusCode() + ", "
                    + body.path("errorType").asText("?") + ": " + body.path("error").asText("no message"));
        }
        return body.path("data");
    }
}
