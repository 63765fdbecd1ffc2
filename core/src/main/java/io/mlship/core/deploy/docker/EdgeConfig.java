package io.mlship.core.deploy.docker;

import io.mlship.core.MlshipException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the edge of one deployed name routes, rendered as a complete, self-contained nginx.conf. The
 * first lines are a header that mlship reads back: the edge's file is the record of which container is
 * live (and which one a rollback returns to), so a deploy killed mid-way is recovered from the edge
 * itself, not from anything on the machine that ran mlship.
 *
 * @param live       the container the upstream points at (empty: nothing deployed yet, the edge answers 503)
 * @param previous   the container a rollback goes back to, as name@id: a container created later under the same
 *                   name (the candidate of a deploy that was killed) is not mistaken for it
 * @param modelPort  the port the model listens on inside its container
 * @param generation increases with every applied config; the edge answers it on /.mlship/edge, which is how a
 *                   reload is confirmed
 */
record EdgeConfig(String deployName, Optional<String> live, Optional<String> previous, int modelPort, long generation,
                  Optional<EdgeMirror> mirror) {

    /** The port nginx listens on inside the edge container (published as the service port). */
    static final int LISTEN_PORT = 8080;
    static final String STATUS_PATH = "/.mlship/edge";
    private static final String HEADER = "# mlship-edge ";
    private static final String MIRROR_HEADER = "# mlship-mirror ";

    static EdgeConfig empty(String deployName, int modelPort) {
        return new EdgeConfig(deployName, Optional.empty(), Optional.empty(), modelPort, 0, Optional.empty());
    }

    /** The next config: the upstream switched to {@code newLive}, the one it replaces ({@code oldLiveId}) kept as the rollback target. */
    EdgeConfig switchTo(String newLive, int port, Optional<String> oldLiveId) {
        Optional<String> keep = live.filter(l -> !l.equals(newLive)).flatMap(l -> oldLiveId.map(id -> l + "@" + shortId(id)));
        return new EdgeConfig(deployName, Optional.of(newLive), keep, port, generation + 1, mirror);
    }

    /** The rollback target's container name. */
    Optional<String> previousName() {
        return previous.map(p -> p.substring(0, p.indexOf('@') < 0 ? p.length() : p.indexOf('@')));
    }

    /** Whether this container (name, full id) is the rollback target this config records. */
    boolean isPrevious(String name, String id) {
        return previous.filter(p -> p.equals(name + "@" + shortId(id))).isPresent();
    }

    private static String shortId(String id) {
        return id.substring(0, Math.min(12, id.length()));
    }

    EdgeConfig withMirror(Optional<EdgeMirror> newMirror) {
        return new EdgeConfig(deployName, live, previous, modelPort, generation + 1, newMirror);
    }

    String render() {
        StringBuilder c = new StringBuilder();
        c.append(HEADER).append("name=").append(deployName).append(" live=").append(live.orElse("-"))
                .append(" previous=").append(previous.orElse("-")).append(" port=").append(modelPort)
                .append(" generation=").append(generation).append('\n');
        mirror.ifPresent(m -> c.append(MIRROR_HEADER).append("target=").append(m.target()).append(" percent=").append(percentText(m))
                .append(" method=").append(m.method()).append(" path=").append(m.pathPrefix()).append('\n'));
        c.append("""
                # Written by mlship; every change is checked with `nginx -t` and applied with `nginx -s reload`.
                worker_processes auto;
                error_log stderr notice;
                pid /run/nginx.pid;
                # A reload lets old workers finish their requests; this bounds how long they may take.
                worker_shutdown_timeout 60s;
                events { worker_connections 4096; }
                http {
                    access_log off;
                    server_tokens off;
                    client_max_body_size 64m;
                    # No keep-alive to clients: every answer says "Connection: close". On a reload nginx's old
                    # workers close their idle keep-alive connections at once, and a client that has just sent
                    # its next request on one gets no answer (measured with keep-alive on, and reuseport: 3 of the
                    # POSTs of EdgeDeployTest's deploy/rollback run under load failed with no response bytes).
                    # A connection per request costs a TCP handshake (bench/edge.sh) and loses no request.
                    keepalive_timeout 0;
                """);
        // Keep-alive to the model: a new connection per request overflows the listen backlog of a small server
        // (Python's http.server: 5; measured p99 of 980 ms, SYN retransmits). Idle connections are dropped
        // after 1 s, before model servers drop them (gunicorn: 2 s, uvicorn: 5 s): nginx never reuses one the
        // server is closing, which would fail a POST that nginx does not retry.
        live.ifPresent(l -> c.append("    upstream mlship_live { server ").append(l).append(':').append(modelPort)
                .append("; keepalive 16; keepalive_timeout 1s; }\n"));
        mirror.ifPresent(m -> {
            c.append("    upstream mlship_mirror { server ").append(m.target()).append("; }\n");
            c.append("    split_clients \"${request_id}\" $mlship_sampled {\n");
            if (m.percent() < 100) {
                c.append("        ").append(percentText(m)).append("% 1;\n");
            }
            c.append("        * ").append(m.percent() < 100 ? "0" : "1").append(";\n    }\n");
            c.append("    map \"$request_method:$mlship_sampled\" $mlship_mirror { default 0; \"").append(m.method()).append(":1\" 1; }\n");
            // While a shadow runs, every live answer that is not 2xx is logged (to the container's stderr, one line
            // each, tagged with the mirror's target): the shadow counts its live errors from them. Mirrored copies are
            // subrequests, which nginx does not log.
            c.append("    map $status $mlship_live_error { ~^2 0; default 1; }\n");
            c.append("    log_format mlship_live_error '").append(EdgeMirror.LIVE_ERROR_TAG).append(m.target())
                    .append(" status=$status $request_method $request_uri';\n");
        });
        c.append("    server {\n");
        // no reuseport: the listening socket stays the master's across reloads, so no connection waiting in
        // an old worker's own accept queue is reset when that worker exits
        c.append("        listen ").append(LISTEN_PORT).append(";\n");
        mirror.ifPresent(m -> c.append("        access_log /dev/stderr mlship_live_error if=$mlship_live_error;\n"));
        c.append("        location = ").append(STATUS_PATH).append(" {\n")
                .append("            allow 127.0.0.1; deny all;\n")
                .append("            default_type text/plain;\n")
                .append("            return 200 \"generation ").append(generation).append(" live ").append(live.orElse("-")).append("\\n\";\n")
                .append("        }\n");
        if (live.isEmpty()) {
            c.append("        location / { default_type text/plain; return 503 \"no model is deployed as ").append(deployName).append(" yet\\n\"; }\n");
        } else {
            String proxy = """
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_set_header Host $host;
                        proxy_set_header X-Request-Id $request_id;
                        proxy_buffering off;
                """;
            c.append("        location / {\n").append(proxy).append("            proxy_pass http://mlship_live;\n        }\n");
            mirror.ifPresent(m -> {
                c.append("        location ").append(m.pathPrefix()).append(" {\n")
                        .append("            if ($mlship_mirror) { rewrite ^ /.mlship/mirrored last; }\n")
                        .append(proxy).append("            proxy_pass http://mlship_live;\n        }\n");
                // A mirrored request's client connection is closed after its answer (as every one is here:
                // keepalive_timeout 0 above, repeated so it holds if keep-alive is ever turned on): nginx reads
                // the next request of a keep-alive connection only when the copy is finished, so a slow copy
                // would otherwise delay the client's next request. The answer itself is never delayed.
                c.append("        location = /.mlship/mirrored {\n            internal;\n            keepalive_timeout 0;\n")
                        .append("            mirror /.mlship/mirror;\n            mirror_request_body on;\n")
                        .append(proxy).append("            proxy_pass http://mlship_live$request_uri;\n        }\n");
                c.append("        location = /.mlship/mirror {\n            internal;\n")
                        .append("            proxy_connect_timeout 200ms;\n            proxy_send_timeout 200ms;\n            proxy_read_timeout 200ms;\n")
                        .append("            proxy_set_header X-Mlship-Mirror 1;\n")
                        .append("            proxy_set_header X-Request-Id $request_id;\n")
                        .append("            proxy_pass http://mlship_mirror$request_uri;\n        }\n");
            });
        }
        c.append("    }\n}\n");
        return c.toString();
    }

    private static String percentText(EdgeMirror m) {
        return new BigDecimal(m.percent()).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** Reads back the header of a config this class rendered; empty for a file mlship did not write. */
    static Optional<EdgeConfig> parse(String text) {
        Map<String, String> fields = new HashMap<>();
        Map<String, String> mirror = new HashMap<>();
        for (String line : text.lines().limit(3).toList()) {
            if (line.startsWith(HEADER)) {
                fields = fields(line.substring(HEADER.length()));
            } else if (line.startsWith(MIRROR_HEADER)) {
                mirror = fields(line.substring(MIRROR_HEADER.length()));
            }
        }
        if (!fields.keySet().containsAll(List.of("name", "live", "previous", "port", "generation"))) {
            return Optional.empty();
        }
        try {
            Optional<EdgeMirror> m = mirror.isEmpty() ? Optional.empty() : Optional.of(new EdgeMirror(mirror.get("target"),
                    Double.parseDouble(mirror.get("percent")), mirror.get("method"), mirror.get("path")));
            return Optional.of(new EdgeConfig(fields.get("name"), dash(fields.get("live")), dash(fields.get("previous")),
                    Integer.parseInt(fields.get("port")), Long.parseLong(fields.get("generation")), m));
        } catch (NumberFormatException | NullPointerException | MlshipException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> fields(String text) {
        Map<String, String> fields = new HashMap<>();
        for (String field : text.trim().split(" +")) {
            int eq = field.indexOf('=');
            if (eq > 0) {
                fields.put(field.substring(0, eq), field.substring(eq + 1));
            }
        }
        return fields;
    }

    private static Optional<String> dash(String value) {
        return "-".equals(value) ? Optional.empty() : Optional.of(value);
    }
}
