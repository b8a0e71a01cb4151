package dev.patkit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain {@code java.net.http} calls for the tests. */
final class Http {

    static final ObjectMapper MAPPER = new ObjectMapper();
    // The default version: HTTP/2 upgrade attempts over plain http, as a default JDK client sends.
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private Http() {}

    /**
     * @param method the method
     * @param uri the URI
     * @param jsonBody the body, or null
     * @param headers name, value, name, value...
     * @return the response
     */
    static HttpResponse<String> send(String method, String uri, String jsonBody, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        if (jsonBody != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(jsonBody));
        try {
            return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> get(String uri, String... headers) {
        return send("GET", uri, null, headers);
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
