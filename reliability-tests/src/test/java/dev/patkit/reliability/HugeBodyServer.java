package dev.patkit.reliability;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP server that streams a JSON-looking body of a given size from a 64 KiB buffer, with
 * a Content-Length ({@code /len}) or chunked ({@code /chunked}), so a 100 MB answer costs neither
 * side 100 MB of heap. It stops writing when the client goes away.
 */
final class HugeBodyServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "huge-body-server");
        t.setDaemon(true);
        return t;
    });

    HugeBodyServer(long size) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] chunk = new byte[1 << 16];
        Arrays.fill(chunk, (byte) ' ');
        server.createContext("/", exchange -> {
            boolean chunked = exchange.getRequestURI().getPath().startsWith("/chunked");
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, chunked ? 0 : size);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write('[');
                for (long sent = 1; sent < size; ) {
                    int n = (int) Math.min(chunk.length, size - sent);
                    out.write(chunk, 0, n);
                    sent += n;
                }
            } catch (IOException e) {
                // The client hung up: what a size limit should make it do.
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    /** @param chunked without a Content-Length @return the base URL to put before a provider's base path */
    String baseUrl(boolean chunked) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + (chunked ? "/chunked" : "/len");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
