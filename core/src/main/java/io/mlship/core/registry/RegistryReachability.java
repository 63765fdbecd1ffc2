package io.mlship.core.registry;

import io.mlship.core.MlshipException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks a registry's {@code /v2/} endpoint whether it is there before a push starts: the daemon would
 * otherwise retry for a long while before saying the registry is unreachable.
 */
final class RegistryReachability {

    private RegistryReachability() {
    }

    static void check(String registry) throws InterruptedException {
        boolean loopback = registry.startsWith("localhost") || registry.startsWith("127.") || registry.startsWith("[::1]");
        URI uri = URI.create((loopback ? "http://" : "https://") + registry + "/v2/");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            int status = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200 && status != 401) {
                throw new MlshipException("registry " + registry + " answered HTTP " + status + " at " + uri
                        + ", which is not a Docker registry API; check the registry address");
            }
        } catch (IOException e) {
            throw new MlshipException("registry " + registry + " is unreachable (" + uri + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()) + "); check the address and that the registry runs"
                    + (loopback ? " (scripts/services start runs one on 127.0.0.1:5000)" : ""), e);
        }
    }
}
