// Compile-time mirror of org.kohsuke.stapler:stapler:1903.1905.ve5a_f469356f0 (only the members mlship uses; provided by Jenkins at run time).
package org.kohsuke.stapler;

public class HttpResponses {

    public static HttpResponseException errorWithoutStack(int code, String message) {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }

    public static HttpRedirect redirectTo(String url) {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }

    public abstract static class HttpResponseException extends RuntimeException implements HttpResponse {
    }
}
