package io.mlship.core.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntUnaryOperator;

/**
 * A small real KServe V2 model server for the tests: {@code POST /v2/models/<m>/infer} with one INT64 input
 * {@code x} answers the class {@code classOf(x)} and the probability {@code x / 1000} as FP32. Its delay and status
 * can be changed while it runs, to play a slow or failing candidate.
 */
public final class ModelServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final IntUnaryOperator classOf;
    public final AtomicLong delayMillis = new AtomicLong();
    public final AtomicInteger status = new AtomicInteger(200);
    public final AtomicInteger served = new AtomicInteger();

    private ModelServer(IntUnaryOperator classOf) throws IOException {
        this.classOf = classOf;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.setExecutor(Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "test-model");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                if (!exchange.getRequestURI().getPath().equals("/v2/models/m/infer")) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                JsonNode request = JSON.readTree(in.readAllBytes());
                long delay = delayMillis.get();
                if (delay > 0) {
                    Thread.sleep(delay);
                }
                served.incrementAndGet();
                int x = request.path("inputs").path(0).path("data").path(0).asInt();
                String body = answer(x);
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(status.get(), bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    public static ModelServer start(IntUnaryOperator classOf) throws IOException {
        return new ModelServer(classOf);
    }

    public String answer(int x) {
        return "{\"model_name\":\"m\",\"outputs\":[{\"name\":\"predict\",\"datatype\":\"INT64\",\"shape\":[1],\"data\":["
                + classOf.applyAsInt(x) + "]},{\"name\":\"proba\",\"datatype\":\"FP32\",\"shape\":[1],\"data\":["
                + (x / 1000.0) + "]}]}";
    }

    public static String request(int x) {
        return "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"INT64\",\"shape\":[1],\"data\":[" + x + "]}]}";
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
