package io.mlship.core.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.SSLConfig;
import com.github.dockerjava.transport.UnixSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentLengthStrategy;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.DefaultContentLengthStrategy;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.apache.hc.core5.net.URIAuthority;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP transport under docker-java: Apache HttpClient 5 over the daemon's Unix socket (or TCP, with TLS
 * when configured), set up as docker-java's own Apache transport is, with two differences measured on
 * {@code mlship build} (docs/benchmarks.md, "mlship build overhead"):
 * <ul>
 *   <li>request bodies streamed from an {@link InputStream} (a build context) go out in HTTP chunks of
 *       {@link #CHUNK} bytes instead of 2–8 KiB: a 256 MiB context took about 65,000 chunks and 49,000
 *       {@code write} calls, which the daemon also has to parse; its upload went from 1.35 s to 1.05 s;</li>
 *   <li>no TLS set-up for a plain socket: docker-java's transport always loads the JDK's trust store,
 *       about 0.1 s of every command's start-up.</li>
 * </ul>
 * docker-java lets callers set neither. Requests that hijack the connection (attach with standard input,
 * which mlship does not use today) and Windows named pipes are handed to docker-java's own transport,
 * created when first needed.
 */
final class DockerHttpTransport implements DockerHttpClient {

    static final int CHUNK = 1 << 20;

    private final CloseableHttpClient http;
    private final HttpHost host;
    private final String pathPrefix;
    private final Supplier<DockerHttpClient> hijackingFallback;
    private DockerHttpClient fallback;

    private DockerHttpTransport(CloseableHttpClient http, HttpHost host, String pathPrefix,
                                Supplier<DockerHttpClient> hijackingFallback) {
        this.http = http;
        this.host = host;
        this.pathPrefix = pathPrefix;
        this.hijackingFallback = hijackingFallback;
    }

    /**
     * @param dockerJava docker-java's transport for the same host and settings: used for named pipes and
     *                   hijacked requests only, and created only then
     */
    static DockerHttpClient open(URI dockerHost, SSLConfig sslConfig, int maxConnections, Duration connectTimeout,
                                 Supplier<DockerHttpClient> dockerJava) {
        String scheme = dockerHost.getScheme();
        if (!"unix".equals(scheme) && !"tcp".equals(scheme)) {
            return dockerJava.get();
        }
        SSLContext ssl;
        try {
            ssl = sslConfig == null ? null : sslConfig.getSSLContext();
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot set up TLS for the Docker daemon at " + dockerHost + ": " + e.getMessage(), e);
        }
        HttpHost host;
        String pathPrefix = "";
        if ("unix".equals(scheme)) {
            host = new HttpHost("unix", "localhost", 2375);
        } else {
            host = new HttpHost(ssl != null ? "https" : "http", dockerHost.getHost(), dockerHost.getPort());
            String path = dockerHost.getRawPath() == null ? "" : dockerHost.getRawPath();
            pathPrefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        }
        String socketPath = dockerHost.getPath();
        DefaultHttpClientConnectionOperator operator = new DefaultHttpClientConnectionOperator(
                proxy -> "unix".equals(scheme) ? UnixSocket.get(socketPath) : proxy == null ? new Socket() : new Socket(proxy),
                DefaultSchemePortResolver.INSTANCE,
                SystemDefaultDnsResolver.INSTANCE,
                name -> "https".equalsIgnoreCase(name) && ssl != null ? new DefaultClientTlsStrategy(ssl) : null);
        PoolingHttpClientConnectionManager connections = new PoolingHttpClientConnectionManager(operator, null, null, null,
                new ManagedHttpClientConnectionFactory(Http1Config.custom().setChunkSizeHint(CHUNK).build(), null, null, null,
                        DockerHttpTransport::responseLength, null));
        // Builds, logs and event streams last as long as they last: no read time-out (as docker-java's transport).
        connections.setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(Timeout.ZERO_MILLISECONDS).build());
        connections.setMaxTotal(maxConnections);
        connections.setDefaultMaxPerRoute(maxConnections);
        connections.setDefaultConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(connectTimeout))
                .setValidateAfterInactivity(TimeValue.NEG_ONE_SECOND) // never re-check a pooled connection before use
                .build());
        CloseableHttpClient http = HttpClients.custom().setConnectionManager(connections).disableConnectionState().build();
        return new DockerHttpTransport(http, host, pathPrefix, dockerJava);
    }

    /** The daemon answers some streams with "Transfer-Encoding: identity": read those until the connection closes. */
    private static long responseLength(org.apache.hc.core5.http.HttpMessage message) throws org.apache.hc.core5.http.HttpException {
        Header encoding = message.getFirstHeader(HttpHeaders.TRANSFER_ENCODING);
        if (encoding != null && "identity".equalsIgnoreCase(encoding.getValue())) {
            return ContentLengthStrategy.UNDEFINED;
        }
        return DefaultContentLengthStrategy.INSTANCE.determineLength(message);
    }

    @Override
    public Response execute(Request request) {
        if (request.hijackedInput() != null) {
            return fallback().execute(request);
        }
        HttpUriRequestBase http = new HttpUriRequestBase(request.method(), URI.create(pathPrefix + request.path()));
        http.setScheme(host.getSchemeName());
        http.setAuthority(new URIAuthority(host.getHostName(), host.getPort()));
        request.headers().forEach(http::addHeader);
        if (request.bodyBytes() != null) {
            http.setEntity(new ByteArrayEntity(request.bodyBytes(), null));
        } else if (request.body() != null) {
            http.setEntity(new StreamedBody(request.body()));
        }
        try {
            return new ApacheResponse(http, this.http.executeOpen(host, http, HttpCoreContext.create()));
        } catch (IOException e) {
            throw new RuntimeException("request " + request.method() + " " + request.path() + " to the Docker daemon failed: "
                    + e.getMessage(), e);
        }
    }

    private synchronized DockerHttpClient fallback() {
        if (fallback == null) {
            fallback = hijackingFallback.get();
        }
        return fallback;
    }

    @Override
    public void close() throws IOException {
        try {
            http.close();
        } finally {
            DockerHttpClient created;
            synchronized (this) {
                created = fallback;
            }
            if (created != null) {
                created.close();
            }
        }
    }

    /**
     * A body copied with {@link InputStream#transferTo}: a stream that holds its data in large pieces (the build
     * context's pipe) hands them over whole, where HttpClient's InputStreamEntity copies everything through a 4 KiB array.
     */
    private static final class StreamedBody extends AbstractHttpEntity {
        private final InputStream body;

        StreamedBody(InputStream body) {
            super((String) null, null, true);
            this.body = body;
        }

        @Override
        public InputStream getContent() {
            return body;
        }

        @Override
        public long getContentLength() {
            return -1; // unknown: sent chunked
        }

        @Override
        public boolean isRepeatable() {
            return false;
        }

        @Override
        public boolean isStreaming() {
            return true;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            try (body) {
                body.transferTo(out);
            }
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    private record ApacheResponse(HttpUriRequestBase request, ClassicHttpResponse response) implements Response {

        @Override
        public int getStatusCode() {
            return response.getCode();
        }

        @Override
        public Map<String, List<String>> getHeaders() {
            return Stream.of(response.getHeaders()).collect(Collectors.groupingBy(NameValuePair::getName,
                    Collectors.mapping(NameValuePair::getValue, Collectors.toList())));
        }

        @Override
        public String getHeader(String name) {
            Header header = response.getFirstHeader(name);
            return header == null ? null : header.getValue();
        }

        @Override
        public InputStream getBody() {
            try {
                return response.getEntity() == null ? InputStream.nullInputStream() : response.getEntity().getContent();
            } catch (IOException e) {
                throw new RuntimeException("cannot read the Docker daemon's answer: " + e.getMessage(), e);
            }
        }

        /** Abandons the exchange (a caller that stops following a log or a build must not wait for its end). */
        @Override
        public void close() {
            request.abort();
            try {
                response.close();
            } catch (IOException ignored) {
                // the connection is being thrown away; nothing to keep
            }
        }
    }
}
