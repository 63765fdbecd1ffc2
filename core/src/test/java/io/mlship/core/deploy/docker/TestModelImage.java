package io.mlship.core.deploy.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * A small model server for the edge tests, on {@code mlship/base:python} (Debian's Python, made by
 * {@code scripts/services start}): KServe V2 health and inference paths on :8080, HTTP/1.1 keep-alive,
 * answering in about a millisecond so that latency added by the edge or a mirror is not lost in the
 * server's own time. Like a real model it holds {@code MODEL_RESIDENT_MB} (default 40) of resident memory
 * (so a 24 MiB limit gets it OOM-killed at start) and takes {@code READY_DELAY_SECONDS} to get ready.
 * The answer names {@code MODEL_VERSION}, so a test can tell which container answered.
 */
final class TestModelImage {

    static final String INFER_PATH = "/v2/models/iris/infer";
    /** The same inference under KServe V2's versioned path (a path a mirror of INFER_PATH does not match). */
    static final String VERSIONED_INFER_PATH = "/v2/models/iris/versions/1/infer";
    static final String SAMPLE = "{\"inputs\":[{\"name\":\"input-0\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[5.1,3.5,1.4,0.2]}]}";

    static final String SERVER = """
            import os, sys, time, json
            from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
            weights = b"\\x01" * (int(os.environ.get("MODEL_RESIDENT_MB", "40")) * 1048576)  # resident, like loaded tensors
            print("model loaded: %d bytes resident" % len(weights), flush=True)
            time.sleep(float(os.environ.get("READY_DELAY_SECONDS", "0")))
            version = os.environ.get("MODEL_VERSION", "1")
            class Handler(BaseHTTPRequestHandler):
                protocol_version = "HTTP/1.1"
                def answer(self, status, body):
                    data = json.dumps(body).encode()
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                def do_GET(self):
                    if self.path in ("/v2/health/ready", "/v2/health/live"):
                        self.answer(200, {"ready": True})
                    else:
                        self.answer(404, {"error": "no such path"})
                def do_POST(self):
                    body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                    if self.path not in ("/v2/models/iris/infer", "/v2/models/iris/versions/1/infer"):
                        self.answer(404, {"error": "no such path"})
                        return
                    data = json.loads(body)["inputs"][0]["data"]
                    self.answer(200, {"model_name": "iris", "model_version": version,
                                      "outputs": [{"name": "class", "datatype": "BYTES", "shape": [1],
                                                   "data": ["setosa" if data[2] < 2.5 else "versicolor"]}]})
                def log_message(self, *args):
                    pass
            print("ready on :8080", flush=True)
            ThreadingHTTPServer.request_queue_size = 128  # a listen backlog like production servers (gunicorn: 2048)
            ThreadingHTTPServer(("", 8080), Handler).serve_forever()
            """;

    private TestModelImage() {
    }

    static void build(DockerClient docker, String tag, Path work) throws IOException {
        Files.writeString(work.resolve("server.py"), SERVER);
        Files.writeString(work.resolve("Dockerfile"), """
                FROM mlship/base:python
                COPY server.py /srv/server.py
                USER 65534
                EXPOSE 8080
                CMD ["python3", "/srv/server.py"]
                """);
        docker.buildImageCmd(work.toFile()).withTags(Set.of(tag)).exec(new BuildImageResultCallback()).awaitImageId();
    }
}
