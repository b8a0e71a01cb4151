package dev.patkit.core.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A bare HTTP/1.1 loopback server that holds every answer until {@code parties} requests have
 * arrived (or 10 s passed), so a test can show that independent calls are in flight together
 * without timing anything: calls sent one at a time would reach it one by one, each waiting out
 * the 10 s in vain, and {@link #mostInFlight()} would stay at 1. Answers {@code 200} with the
 * JSON body the function gives for the request path ({@code Connection: close}).
 */
public final class BarrierServer implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService handlers;
    private final CountDownLatch allArrived;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final Function<String, String> bodyForPath;

    private BarrierServer(int parties, Function<String, String> bodyForPath) throws IOException {
        this.server = new ServerSocket(0, 2 * parties + 16, InetAddress.getLoopbackAddress());
        this.handlers = Executors.newFixedThreadPool(parties + 4);
        this.allArrived = new CountDownLatch(parties);
        this.bodyForPath = bodyForPath;
    }

    /**
     * Starts the server.
     *
     * @param parties requests to wait for before answering any
     * @param bodyForPath the JSON body for a request path (without the query)
     * @return the running server
     * @throws IOException if no port could be bound
     */
    public static BarrierServer start(int parties, Function<String, String> bodyForPath) throws IOException {
        BarrierServer s = new BarrierServer(parties, bodyForPath);
        s.handlers.submit(s::acceptLoop);
        return s;
    }

    /** @return {@code http://127.0.0.1:PORT} */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** @return the most requests the server held at once */
    public int mostInFlight() {
        return mostInFlight.get();
    }

    /** @return the request lines received, such as {@code GET /api/v4/user HTTP/1.1} */
    public List<String> requestLines() {
        return List.copyOf(requestLines);
    }

    private Void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException closed) {
                return null;
            }
            handlers.submit(() -> answer(socket));
        }
        return null;
    }

    private Void answer(Socket socket) throws IOException, InterruptedException {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            String requestLine = in.readLine();
            long contentLength = 0;
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    contentLength = Long.parseLong(line.substring(15).trim());
                }
            }
            in.skip(contentLength);
            if (requestLine == null) {
                return null;
            }
            requestLines.add(requestLine);
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            allArrived.countDown();
            allArrived.await(10, TimeUnit.SECONDS);
            inFlight.decrementAndGet();
            String target = requestLine.split(" ")[1];
            int q = target.indexOf('?');
            byte[] body = bodyForPath.apply(q < 0 ? target : target.substring(0, q)).getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        handlers.shutdownNow();
    }
}
