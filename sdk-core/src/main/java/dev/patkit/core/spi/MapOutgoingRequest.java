package dev.patkit.core.spi;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An {@link OutgoingRequest} whose headers are kept in a map: what the pipeline hands a
 * {@link RequestAuthenticator} for each attempt, and what a provider's tests hand a signer to see
 * the headers it sets. Header names are replaced case-insensitively. Not thread-safe.
 */
public class MapOutgoingRequest implements OutgoingRequest {

    private final String method;
    private final URI uri;
    private final byte[] body;
    private final Map<String, String> headers = new LinkedHashMap<>();

    /**
     * @param method the HTTP method
     * @param uri the full URI, including the encoded query
     * @param body the exact body bytes that will be sent; empty for none
     */
    public MapOutgoingRequest(String method, URI uri, byte[] body) {
        this.method = Objects.requireNonNull(method, "method");
        this.uri = Objects.requireNonNull(uri, "uri");
        this.body = Objects.requireNonNull(body, "body");
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public byte[] body() {
        return body;
    }

    @Override
    public Map<String, String> headers() {
        return headers;
    }

    @Override
    public void header(String name, String value) {
        // Any earlier value under any spelling goes; the header moves to the end, as a new one.
        if (!headers.isEmpty()) {
            for (java.util.Iterator<String> it = headers.keySet().iterator(); it.hasNext();) {
                if (it.next().equalsIgnoreCase(name)) {
                    it.remove();
                }
            }
        }
        headers.put(name, value);
    }
}
