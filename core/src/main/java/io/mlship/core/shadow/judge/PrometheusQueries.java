package io.mlship.core.shadow.judge;

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
import java.util.Optional;

/**
 * Instant PromQL queries against Prometheus' HTTP API ({@code /api/v1/query}). An empty vector or NaN is "no data",
 * never a number; a server that is down or answers an error is an {@link MlshipException} naming it and the query.
 */
public final class PrometheusQueries {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public PrometheusQueries(URI base) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    public URI base() {
        return base;
    }

    /** The query's single value (the sum of a one-element vector or a scalar); empty when there is none or it is NaN. */
    public Optional<Double> value(String promql) {
        URI uri = URI.create(base + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new MlshipException("Prometheus at " + base + " cannot be reached (" + e.getMessage() + ") for `" + promql
                    + "`; start it (scripts/services start) or pass --prometheus URL");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MlshipException("interrupted while querying Prometheus at " + base);
        }
        try {
            JsonNode root = JSON.readTree(response.body());
            if (response.statusCode() != 200 || !"success".equals(root.path("status").asText())) {
                throw new MlshipException("Prometheus at " + base + " refused `" + promql + "`: HTTP " + response.statusCode()
                        + " " + root.path("error").asText(response.body()));
            }
            JsonNode data = root.path("data");
            JsonNode result = data.path("result");
            String type = data.path("resultType").asText();
            JsonNode pair;
            if (type.equals("scalar")) {
                pair = result;
            } else if (type.equals("vector")) {
                if (result.size() == 0) {
                    return Optional.empty();
                }
                if (result.size() > 1) {
                    throw new MlshipException("`" + promql + "` returned " + result.size() + " series, one was expected: "
                            + "the query must aggregate (sum, max)");
                }
                pair = result.get(0).path("value");
            } else {
                throw new MlshipException("`" + promql + "` returned a " + type + ", an instant number was expected");
            }
            double value = Double.parseDouble(pair.get(1).asText());
            return Double.isNaN(value) ? Optional.empty() : Optional.of(value);
        } catch (IOException | NumberFormatException | NullPointerException e) {
            throw new MlshipException("Prometheus at " + base + " answered `" + promql + "` with something that is not "
                    + "its query API's JSON: " + e.getMessage());
        }
    }
}
