package io.mlship.core.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.SSLConfig;
import com.github.dockerjava.transport.UnixSocket;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.apache.hc.core5.net.URIAuthority;
import org.apache.hc.core5.util.Timeout;

/**
 * docker-java's Apache transport for every request, except the ones that stream a body from an
 * {@link InputStream} (a build context, an image to load): those go out in HTTP chunks of
 * {@link #CHUNK} bytes instead of docker-java's 2–8 KiB.
 *
 * <p>Why: a 256 MiB build context took about 65,000 chunks and 49,000 {@code write} calls, each of
 * which the daemon also has to parse; with 1 MiB chunks the same upload to the local daemon took
 * 1.05 s instead of 1.35 s (docs/benchmarks.md, "mlship build overhead"). docker-java does not let its
 * callers set the chunk size, so these requests use a second, identically addressed client whose
 * connections are configured with it. Requests that hijack the connection (attach with standard input)
 * always take docker-java's client, which knows how to do that.
 */
final class BulkUploadHttpClient implements DockerHttpClient {

    static final int CHUNK = 1 << 20;

    private final DockerHttpClient standard;
    private final CloseableHttpClient uploads;
    private final HttpHost host;
    private final String pathPrefix;

    private BulkUploadHttpClient(DockerHttpClient standard, CloseableHttpClient uploads, HttpHost host, String pathPrefix) {
        this.standard = standard;
        this.uploads = uploads;
        this.host = host;
        this.pathPrefix = pathPrefix;
    }

    /**
     * @param standard docker-java's client for the same host, used for every other request
     * @return a client for {@code dockerHost}; {@code standard} itself where the host is not a Unix
     *         socket or TCP (named pipes)
     */
    static DockerHttpClient around(DockerHttpClient standard, URI dockerHost, SSLConfig sslConfig) {
        SSLContext ssl;
        try {
            ssl = sslConfig == null ? null : sslConfig.getSSLContext();
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot set up TLS for " + dockerHost + ": " + e.getMessage(), e);
        }
        HttpHost host;
        String pathPrefix;
        switch (dockerHost.getScheme()) {
            case "unix" -> {
                host = new HttpHost("unix", "localhost", 2375);
                pathPrefix = "";
            }
            case "tcp" -> {
                host = new HttpHost(ssl != null ? "https" : "http", dockerHost.getHost(), dockerHost.getPort());
                String path = dockerHost.getRawPath() == null ? "" : dockerHost.getRawPath();
                pathPrefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            }
            default -> {
                return standard;
            }
        }
        String socketPath = dockerHost.getPath();
        boolean unix = "unix".equals(dockerHost.getScheme());
        DefaultHttpClientConnectionOperator operator = new DefaultHttpClientConnectionOperator(
                proxy -> unix ? UnixSocket.get(socketPath) : proxy == null ? new Socket() : new Socket(proxy),
                DefaultSchemePortResolver.INSTANCE,
                SystemDefaultDnsResolver.INSTANCE,
                scheme -> "https".equalsIgnoreCase(scheme) && ssl != null ? new DefaultClientTlsStrategy(ssl) : null);
        Http1Config http1 = Http1Config.custom().setChunkSizeHint(CHUNK).build();
        PoolingHttpClientConnectionManager connections = new PoolingHttpClientConnectionManager(operator, null, null, null,
                new ManagedHttpClientConnectionFactory(http1, null, null, null, null, null));
        // A build streams its output for as long as its steps run: no read time-out, as docker-java's client.
        connections.setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(Timeout.ZERO_MILLISECONDS).build());
        CloseableHttpClient uploads = HttpClients.custom().setConnectionManager(connections).disableConnectionState()
                .disableAutomaticRetries() // a streamed body cannot be sent twice
                .build();
        return new BulkUploadHttpClient(standard, uploads, host, pathPrefix);
    }

    @Override
    public Response execute(Request request) {
        if (request.hijackedInput() != null || request.bodyBytes() != null || request.body() == null) {
            return standard.execute(request);
        }
        HttpUriRequestBase upload = new HttpUriRequestBase(request.method(), URI.create(pathPrefix + request.path()));
        upload.setScheme(host.getSchemeName());
        upload.setAuthority(new URIAuthority(host.getHostName(), host.getPort()));
        request.headers().forEach(upload::addHeader);
        upload.setEntity(new InputStreamEntity(request.body(), null));
        try {
            return new UploadResponse(upload, uploads.executeOpen(host, upload, HttpCoreContext.create()));
        } catch (IOException e) {
            throw new RuntimeException("request " + request.method() + " " + request.path() + " to the Docker daemon failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            uploads.close();
        } finally {
            standard.close();
        }
    }

    private record UploadResponse(HttpUriRequestBase request, ClassicHttpResponse response) implements Response {

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

        /** Abandons the exchange (a caller that stops reading a build's output must not wait for its end). */
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
