package io.mlship.core.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient.Request;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Against a plain HTTP/1.1 server on a local TCP port that records the chunks it receives; every other test
 * that talks to Docker goes through this transport to the real daemon.
 */
class DockerHttpTransportTest {

    @Test
    void aStreamedBodyGoesOutInLargeChunksAndArrivesWhole() throws Exception {
        byte[] body = new byte[5 * DockerHttpTransport.CHUNK + 777];
        new Random(3).nextBytes(body);
        // Whole (a stream that hands over its bytes at once) and in 4 KiB reads (a stream that cannot).
        InputStream[] bodies = {new ByteArrayInputStream(body), new FilterInputStream(new ByteArrayInputStream(body)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 4096));
            }
        }};
        for (InputStream stream : bodies) {
            List<DockerHttpClient.Request> delegated = new ArrayList<>();
            try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                CompletableFuture<ChunkedRequest> received = CompletableFuture.supplyAsync(() -> serveOne(server));
                DockerHttpClient client = transport("tcp://127.0.0.1:" + server.getLocalPort(), delegated);
                Request upload = Request.builder().method(Request.Method.POST).path("/build?t=x")
                        .putHeader("Content-Type", "application/x-tar")
                        .body(stream).build();
                try (Response response = client.execute(upload)) {
                    assertThat(response.getStatusCode()).isEqualTo(200);
                    assertThat(new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"stream\":\"ok\"}");
                }
                ChunkedRequest request = received.get(10, TimeUnit.SECONDS);
                assertThat(request.requestLine()).isEqualTo("POST /build?t=x HTTP/1.1");
                assertThat(request.body()).isEqualTo(body);
                List<Integer> sizes = request.chunkSizes();
                assertThat(sizes).hasSizeBetween(1, 6);
                assertThat(sizes.subList(0, sizes.size() - 1)).allMatch(size -> size >= DockerHttpTransport.CHUNK);
                client.close();
            }
            assertThat(delegated).isEmpty();
        }
    }

    @Test
    void aJsonBodyGoesOutWithItsLength() throws Exception {
        List<DockerHttpClient.Request> delegated = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<ChunkedRequest> received = CompletableFuture.supplyAsync(() -> serveOne(server));
            DockerHttpClient client = transport("tcp://127.0.0.1:" + server.getLocalPort(), delegated);
            Request create = Request.builder().method(Request.Method.POST).path("/containers/create?name=x")
                    .putHeader("Content-Type", "application/json")
                    .bodyBytes("{\"Image\":\"busybox\"}".getBytes(StandardCharsets.UTF_8)).build();
            try (Response response = client.execute(create)) {
                assertThat(response.getStatusCode()).isEqualTo(200);
            }
            ChunkedRequest request = received.get(10, TimeUnit.SECONDS);
            assertThat(request.requestLine()).isEqualTo("POST /containers/create?name=x HTTP/1.1");
            assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("{\"Image\":\"busybox\"}");
            assertThat(request.chunkSizes()).as("sent with Content-Length, not chunked").isEmpty();
            client.close();
        }
        assertThat(delegated).isEmpty();
    }

    @Test
    void hijackingRequestsAndNamedPipesGoToDockerJavasTransport() throws Exception {
        List<DockerHttpClient.Request> delegated = new ArrayList<>();
        DockerHttpClient client = transport("tcp://127.0.0.1:9", delegated);
        Request attach = Request.builder().method(Request.Method.POST).path("/containers/x/attach?stdin=1")
                .hijackedInput(new ByteArrayInputStream(new byte[0])).build();
        client.execute(attach);
        assertThat(delegated).containsExactly(attach);
        client.close();
        List<DockerHttpClient.Request> pipe = new ArrayList<>();
        assertThat(DockerHttpTransport.open(URI.create("npipe:////./pipe/docker_engine"), null, 4, Duration.ofSeconds(1),
                () -> recording(pipe))).isNotInstanceOf(DockerHttpTransport.class);
    }

    private static DockerHttpClient transport(String host, List<Request> delegated) {
        return DockerHttpTransport.open(URI.create(host), null, 4, Duration.ofSeconds(5), () -> recording(delegated));
    }

    private static DockerHttpClient recording(List<Request> requests) {
        return new DockerHttpClient() {
            @Override
            public Response execute(Request request) {
                requests.add(request);
                return null;
            }

            @Override
            public void close() {
            }
        };
    }

    private record ChunkedRequest(String requestLine, byte[] body, List<Integer> chunkSizes) {
    }

    /** Reads one request (recording each chunk's size when chunked) and answers it with a small JSON body. */
    private static ChunkedRequest serveOne(ServerSocket server) {
        try (Socket socket = server.accept()) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            String requestLine = line(in);
            boolean chunked = false;
            int length = 0;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                chunked |= header.equalsIgnoreCase("Transfer-Encoding: chunked");
                if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(header.substring("content-length:".length()).strip());
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            List<Integer> sizes = new ArrayList<>();
            if (chunked) {
                for (int size = Integer.parseInt(line(in), 16); size > 0; size = Integer.parseInt(line(in), 16)) {
                    sizes.add(size);
                    byte[] chunk = new byte[size];
                    in.readFully(chunk);
                    body.write(chunk);
                    assertThat(line(in)).isEmpty();
                }
                line(in); // the empty trailer
            } else {
                byte[] whole = new byte[length];
                in.readFully(whole);
                body.write(whole);
            }
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 15\r\nConnection: close\r\n\r\n"
                    + "{\"stream\":\"ok\"}").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new ChunkedRequest(requestLine, body.toByteArray(), sizes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed mid-line");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
