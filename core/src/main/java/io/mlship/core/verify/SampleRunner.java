package io.mlship.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Sends the sample requests and checks each answer against its expectation. */
final class SampleRunner {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** FP32 outputs are compared with this relative tolerance. */
    private static final double TOLERANCE = 1e-4;

    private final HttpClient http;

    SampleRunner(HttpClient http) {
        this.http = http;
    }

    List<SampleOutcome> run(URI base, String defaultPath, List<SampleCase> cases) throws InterruptedException {
        List<SampleOutcome> outcomes = new ArrayList<>();
        for (SampleCase sample : cases) {
            outcomes.add(send(base, defaultPath, sample));
        }
        return outcomes;
    }

    private SampleOutcome send(URI base, String defaultPath, SampleCase sample) throws InterruptedException {
        URI target = base.resolve(sample.path() != null ? sample.path() : defaultPath);
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .method(sample.method(), HttpRequest.BodyPublishers.ofString(sample.body()))
                .build();
        Instant start = Instant.now();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new SampleOutcome(sample.name(), false, 0, Duration.between(start, Instant.now()),
                    sample.method() + " " + target.getPath() + " failed: " + e);
        }
        Duration latency = Duration.between(start, Instant.now());
        if (response.statusCode() != sample.expectStatus()) {
            return new SampleOutcome(sample.name(), false, response.statusCode(), latency,
                    "expected HTTP " + sample.expectStatus() + ", got " + response.statusCode() + ": " + abbreviate(response.body()));
        }
        String mismatch = outputMismatch(sample.expectOutputs(), response.body());
        return new SampleOutcome(sample.name(), mismatch == null, response.statusCode(), latency,
                mismatch == null ? "ok" : mismatch);
    }

    /** @return why the outputs differ from the expectation, or null when they match */
    static String outputMismatch(Map<String, List<Object>> expected, String body) {
        if (expected.isEmpty()) {
            return null;
        }
        JsonNode outputs;
        try {
            outputs = JSON.readTree(body).path("outputs");
        } catch (IOException e) {
            return "answer is not JSON: " + abbreviate(body);
        }
        for (Map.Entry<String, List<Object>> want : expected.entrySet()) {
            JsonNode data = null;
            for (JsonNode output : outputs) {
                if (want.getKey().equals(output.path("name").asText())) {
                    data = output.path("data");
                }
            }
            if (data == null) {
                return "answer has no output `" + want.getKey() + "`: " + abbreviate(body);
            }
            JsonNode wanted = JSON.valueToTree(want.getValue());
            if (!sameData(wanted, data)) {
                return "output `" + want.getKey() + "` is " + data + ", expected " + wanted;
            }
        }
        return null;
    }

    private static boolean sameData(JsonNode wanted, JsonNode actual) {
        if (!actual.isArray() || actual.size() != wanted.size()) {
            return false;
        }
        for (int i = 0; i < wanted.size(); i++) {
            JsonNode w = wanted.get(i);
            JsonNode a = actual.get(i);
            if (w.isNumber() && a.isNumber()) {
                double scale = Math.max(1.0, Math.abs(w.asDouble()));
                if (Math.abs(w.asDouble() - a.asDouble()) > TOLERANCE * scale) {
                    return false;
                }
            } else if (!w.equals(a)) {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "…";
    }
}
