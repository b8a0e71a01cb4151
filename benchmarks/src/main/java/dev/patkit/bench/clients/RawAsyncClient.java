package dev.patkit.bench.clients;

/**
 * A diagnostic row, not a competitor: {@link RawClient} calling {@code sendAsync(...).join()}
 * instead of {@code send(...)}. Patkit's synchronous methods join its asynchronous pipeline, so
 * this row separates the JDK's own cost of the async path from Patkit's.
 */
public final class RawAsyncClient extends RawClient {

    /**
     * Creates the client.
     *
     * @param baseUrl the stub's base URL
     */
    public RawAsyncClient(String baseUrl) {
        super(baseUrl, true);
    }
}
