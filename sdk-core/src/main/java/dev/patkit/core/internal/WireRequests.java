package dev.patkit.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.patkit.core.ErrorContext;
import dev.patkit.core.InvalidTokenException;
import dev.patkit.core.PatkitException;
import dev.patkit.core.spi.ApiRequest;
import dev.patkit.core.spi.MapOutgoingRequest;
import dev.patkit.core.spi.RequestAuthenticator;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds what goes on the wire: the request's URI from the API base, its JSON body (with
 * {@link dev.patkit.core.Token}s written as their value, for the wire only) and the JDK request
 * with its headers and credential. Stateless; the only call out is to the authenticator.
 */
final class WireRequests {

    /** Headers that carry credentials; never sent to another origin. */
    static final Set<String> CREDENTIAL_HEADERS = caseInsensitive(
            "Authorization", "PRIVATE-TOKEN", "JOB-TOKEN", "X-Auth-Token", "Cookie", "Proxy-Authorization",
            "X-Security-Token");

    private static final byte[] NO_BODY = new byte[0];

    private WireRequests() {}

    /**
     * The prefix every relative request path is appended to.
     *
     * @throws IllegalArgumentException if the base is not an absolute URI with a scheme and a host
     */
    static String basePrefix(URI base) {
        if (base.getScheme() == null || base.getHost() == null || !base.isAbsolute()) {
            throw new IllegalArgumentException("The API base must be an absolute http(s) URI with a host");
        }
        String prefix = base.toString();
        int end = prefix.length();
        while (end > 0 && prefix.charAt(end - 1) == '/') {
            end--;
        }
        return prefix.substring(0, end);
    }

    /** @return the request's absolute URI, or the base prefix, its path and its encoded query */
    static URI resolve(String basePrefix, ApiRequest<?> request) {
        if (request.absoluteUri().isPresent()) {
            return request.absoluteUri().get();
        }
        Map<String, List<String>> query = request.queryValues();
        if (query.isEmpty()) {
            return create(basePrefix.concat(request.path()));
        }
        StringBuilder sb = new StringBuilder(basePrefix.length() + request.path().length() + 32).append(basePrefix)
                .append(request.path());
        char sep = '?';
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            for (String value : e.getValue()) {
                sb.append(sep).append(encode(e.getKey())).append('=').append(encode(value));
                sep = '&';
            }
        }
        return create(sb.toString());
    }

    private static URI create(String uri) {
        try {
            return URI.create(uri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The request path is not a valid URI path (encode ids with ApiRequest.segment)");
        }
    }

    /** Form-encodes a query name or value, with {@code %20} for a space. */
    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * The request's body as bytes: empty without a JSON body.
     *
     * @throws PatkitException if the body cannot be written (the cause is not attached: its message may quote a token)
     */
    static byte[] body(ObjectWriter writer, ApiRequest<?> request, String provider, ErrorContext context) {
        if (request.jsonBody().isEmpty()) {
            return NO_BODY;
        }
        try {
            return writer.writeValueAsBytes(request.jsonBody().get());
        } catch (JsonProcessingException e) {
            throw new PatkitException(provider + ": could not write the request body of '"
                    + request.operation() + "' as JSON (" + e.getClass().getSimpleName() + ")", context);
        }
    }

    /** @return an empty body, for a redirect that drops it */
    static byte[] noBody() {
        return NO_BODY;
    }

    /**
     * Builds one attempt's JDK request: User-Agent, {@code Accept: application/json}, the client's
     * default headers, the request's own, a JSON Content-Type when there is a body and none was set,
     * then the credential, or, when not {@code authenticate}, no credential header at all. Plain
     * http is sent as HTTP/1.1 (no h2c upgrade: see {@code PatkitOptions.Builder#httpClient}).
     *
     * @throws InvalidTokenException if a header value holds characters HTTP does not allow (the value is not quoted)
     */
    static HttpRequest build(String method, URI uri, byte[] body, Duration timeout, String userAgent,
            Map<String, String> defaultHeaders, Map<String, String> requestHeaders, boolean authenticate,
            RequestAuthenticator authenticator) {
        MapOutgoingRequest out = new MapOutgoingRequest(method, uri, body);
        out.header("User-Agent", userAgent);
        out.header("Accept", "application/json");
        for (Map.Entry<String, String> h : defaultHeaders.entrySet()) {
            out.header(h.getKey(), h.getValue());
        }
        for (Map.Entry<String, String> h : requestHeaders.entrySet()) {
            out.header(h.getKey(), h.getValue());
        }
        if (body.length > 0 && !hasHeader(out.headers(), "Content-Type")) {
            out.header("Content-Type", "application/json");
        }
        if (authenticate) {
            authenticator.authenticate(out);
        } else {
            out.headers().keySet().removeIf(CREDENTIAL_HEADERS::contains);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (uri.getScheme().equalsIgnoreCase("http")) {
            b.version(HttpClient.Version.HTTP_1_1);
        }
        for (Map.Entry<String, String> h : out.headers().entrySet()) {
            try {
                b.header(h.getKey(), h.getValue());
            } catch (IllegalArgumentException e) {
                // The JDK's message quotes the value, which may be a token: never pass it on.
                throw new InvalidTokenException("The value of header " + h.getKey()
                        + " holds characters HTTP headers do not allow");
            }
        }
        return b.build();
    }

    private static boolean hasHeader(Map<String, String> headers, String name) {
        for (String key : headers.keySet()) {
            if (key.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> caseInsensitive(String... names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        Collections.addAll(set, names);
        return Collections.unmodifiableSet(set);
    }
}
