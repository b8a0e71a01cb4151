package dev.patkit.bench.harness;

import dev.patkit.bench.clients.BenchClient;
import dev.patkit.bench.clients.Op;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One measurement in its own JVM, started by {@link Harness} with only one client library on the
 * class path. Prints one line of {@code key=value} pairs on standard output.
 *
 * <ul>
 *   <li>{@code cold CLIENT OP BASE}: builds the client, makes one call, prints
 *       {@code RESULT summary} and exits at once. The parent times the whole process.</li>
 *   <li>{@code warm CLIENT OP BASE WARMUP_MS MEASURE_MS}: warms up, then measures sequential
 *       latency (median, p99), bytes allocated per call by all threads
 *       ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}), throughput at 1 and 4
 *       threads, and finally peak RSS ({@code VmHWM} of {@code /proc/self/status}).</li>
 * </ul>
 */
public final class Worker {

    private Worker() {}

    /**
     * Runs one measurement.
     *
     * @param args see the class comment
     * @throws Exception on failure (the process then exits non-zero)
     */
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Op op = Op.of(args[2]);
        BenchClient client = BenchClient.create(args[1], args[3]);
        String first = client.call(op);
        if (mode.equals("cold")) {
            System.out.println("RESULT " + first);
            System.out.flush();
            Runtime.getRuntime().halt(first.equals(BenchClient.expected(op)) ? 0 : 3);
        }
        if (!first.equals(BenchClient.expected(op))) {
            throw new IllegalStateException("wrong result: " + first);
        }
        long warmupMs = Long.parseLong(args[4]);
        long measureMs = Long.parseLong(args[5]);
        runFor(client, op, warmupMs);

        // Latency, sequential.
        long[] samples = new long[1 << 20];
        int n = 0;
        long end = System.nanoTime() + measureMs * 1_000_000L;
        while (n < samples.length) {
            long t0 = System.nanoTime();
            client.call(op);
            long t1 = System.nanoTime();
            samples[n++] = t1 - t0;
            if (t1 > end) {
                break;
            }
        }
        long[] sorted = Arrays.copyOf(samples, n);
        Arrays.sort(sorted);
        double medianMs = sorted[n / 2] / 1e6;
        double p99Ms = sorted[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)] / 1e6;

        // Allocation per call, every thread of the JVM (the HTTP client works on its own threads too).
        int allocCalls = Math.max(20, Math.min(500, n / 2));
        long before = allocatedByAllThreads();
        for (int i = 0; i < allocCalls; i++) {
            client.call(op);
        }
        long allocPerCall = (allocatedByAllThreads() - before) / allocCalls;

        double tp1 = throughput(client, op, 1, measureMs);
        double tp4 = throughput(client, op, 4, measureMs);
        System.out.println(String.format(Locale.ROOT,
                "WARM samples=%d median_ms=%.4f p99_ms=%.4f alloc_bytes=%d tp1=%.1f tp4=%.1f rss_kb=%d",
                n, medianMs, p99Ms, allocPerCall, tp1, tp4, peakRssKb()));
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    private static void runFor(BenchClient client, Op op, long ms) throws Exception {
        long end = System.nanoTime() + ms * 1_000_000L;
        while (System.nanoTime() < end) {
            client.call(op);
        }
    }

    /**
     * Calls per second with {@code threads} threads calling back to back.
     *
     * @param client the client
     * @param op the call
     * @param threads how many threads
     * @param ms for how long
     * @return calls per second
     * @throws InterruptedException if interrupted
     */
    static double throughput(BenchClient client, Op op, int threads, long ms) throws InterruptedException {
        LongAdder calls = new LongAdder();
        AtomicLong failures = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        long[] window = new long[2];
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    while (System.nanoTime() < window[1]) {
                        client.call(op);
                        calls.increment();
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                }
            }, "load-" + i);
            workers.add(t);
            t.start();
        }
        window[0] = System.nanoTime();
        window[1] = window[0] + ms * 1_000_000L;
        start.countDown();
        for (Thread t : workers) {
            t.join();
        }
        long elapsed = System.nanoTime() - window[0];
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " load threads failed");
        }
        return calls.sum() / (elapsed / 1e9);
    }

    /** @return bytes allocated so far by every live thread */
    static long allocatedByAllThreads() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] ids = mx.getAllThreadIds();
        long sum = 0;
        for (long b : mx.getThreadAllocatedBytes(ids)) {
            if (b > 0) {
                sum += b;
            }
        }
        return sum;
    }

    /** @return the peak resident set size in KiB, or -1 where {@code /proc} is missing */
    static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }
}
