package dev.patkit.bench.harness;

import dev.patkit.bench.clients.BenchClient;
import dev.patkit.bench.clients.Op;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
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
 *   <li>{@code warm CLIENT OP BASE SLOW_BASE EARLY WARM MAX_S PHASE_MS}: the regimes users live in.
 *       After {@code EARLY} requests (2,000: a service a few hours in, a batch job) the median
 *       latency of the next calls ({@code early_ms}); then the latency against the stub that
 *       answers 20 ms late ({@code rtt_ms}); then, once {@code WARM} requests (40,000) are made
 *       or {@code MAX_S} seconds passed, the median and p99 latency ({@code late_ms},
 *       {@code p99_ms}), process CPU time (user+sys, all threads) and bytes allocated by all
 *       threads, ended ones included ({@code ThreadMXBean#getTotalThreadAllocatedBytes}) per call over the same calls;
 *       throughput with 1, 4 and 32 threads, each thread with its own token
 *       ({@link BenchClient#forToken}); finally peak RSS ({@code VmHWM}).</li>
 *   <li>{@code memory CLIENT OP BASE}: one call (the 100,000-token list), run under a small
 *       {@code -Xmx}; prints the CPU time, wall time and the heap's peak.</li>
 *   <li>{@code aksk MS}: ServiceStage AK/SK signatures per second on one thread.</li>
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
        if (mode.equals("aksk")) {
            AkSkRate.main(new String[] {args[1]});
            return;
        }
        Op op = Op.of(args[2]);
        BenchClient client = BenchClient.create(args[1], args[3]);
        if (mode.equals("memory")) {
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            String result = client.call(op);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long cpu = processCpuNanos() - cpu0;
            System.out.println(String.format(Locale.ROOT,
                    "MEMORY %s %s seconds=%.2f cpu_us_per_token=%.2f max_heap_mb=%.0f peak_heap_mb=%.1f rss_kb=%d",
                    result.equals(BenchClient.expected(op)) ? "PASS" : "FAIL", result, seconds,
                    cpu / 1e3 / op.listed(), Runtime.getRuntime().maxMemory() / 1048576.0, peakHeapMb(), peakRssKb()));
            System.out.flush();
            Runtime.getRuntime().halt(result.equals(BenchClient.expected(op)) ? 0 : 3);
        }
        String first = client.call(op);
        if (mode.equals("cold")) {
            System.out.println("RESULT " + first);
            System.out.flush();
            Runtime.getRuntime().halt(first.equals(BenchClient.expected(op)) ? 0 : 3);
        }
        if (!first.equals(BenchClient.expected(op))) {
            throw new IllegalStateException("wrong result: " + first);
        }
        String slowBase = args[4];
        int perCall = op.requests();
        long earlyCalls = Math.max(1, Long.parseLong(args[5]) / perCall);
        long warmCalls = Math.max(earlyCalls, Long.parseLong(args[6]) / perCall);
        long deadline = System.nanoTime() + Long.parseLong(args[7]) * 1_000_000_000L;
        long phaseMs = Long.parseLong(args[8]);

        long made = 1 + runCalls(client, op, earlyCalls - 1, deadline);
        long[] early = latencies(client, op, Math.max(25, 500 / perCall));
        made += early.length;
        double earlyMs = median(early);

        BenchClient slow = BenchClient.create(args[1], slowBase);
        if (!slow.call(op).equals(BenchClient.expected(op))) {
            throw new IllegalStateException("wrong result from the slow stub");
        }
        long[] rtt = latencies(slow, op, Math.max(10, 60 / perCall));
        double rttMs = median(rtt);

        made += runCalls(client, op, warmCalls - made, deadline);
        // Latency, CPU and allocation over the same calls; enough of them (10,000 requests) that the
        // process CPU clock's tick (10 ms on Linux) is well under 1 % of the window.
        int lateCalls = Math.max(100, 10_000 / perCall);
        long alloc0 = allocatedByAllThreads();
        long cpu0 = processCpuNanos();
        long[] late = latencies(client, op, lateCalls);
        long cpu = processCpuNanos() - cpu0;
        long alloc = allocatedByAllThreads() - alloc0;
        made += late.length;
        long[] sorted = late.clone();
        Arrays.sort(sorted);
        double p99 = sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)] / 1e6;

        double tp1 = throughput(client, op, 1, phaseMs);
        double tp4 = throughput(client, op, 4, phaseMs);
        double tp32 = throughput(client, op, 32, phaseMs);
        System.out.println(String.format(Locale.ROOT,
                "WARM calls=%d early_ms=%.4f rtt_ms=%.3f late_ms=%.4f p99_ms=%.4f cpu_us=%.2f alloc_bytes=%d"
                        + " tp1=%.1f tp4=%.1f tp32=%.1f rss_kb=%d",
                made, earlyMs, rttMs, median(late), p99, cpu / 1e3 / late.length, alloc / late.length, tp1, tp4, tp32,
                peakRssKb()));
        System.out.flush();
        System.exit(0); // not halt: a flight recording started with dumponexit=true is written

    }

    private static long runCalls(BenchClient client, Op op, long calls, long deadline) throws Exception {
        long n = 0;
        while (n < calls && System.nanoTime() < deadline) {
            client.call(op);
            n++;
        }
        return n;
    }

    private static long[] latencies(BenchClient client, Op op, int n) throws Exception {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            client.call(op);
            out[i] = System.nanoTime() - t0;
        }
        return out;
    }

    private static double median(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2] / 1e6;
    }

    /**
     * Calls per second with {@code threads} threads calling back to back, each with its own token.
     *
     * @param client the client
     * @param op the call
     * @param threads how many threads
     * @param ms for how long
     * @return calls per second
     * @throws Exception if a client cannot be built
     */
    static double throughput(BenchClient client, Op op, int threads, long ms) throws Exception {
        LongAdder calls = new LongAdder();
        AtomicLong failures = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        long[] window = new long[2];
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            BenchClient own = client.forToken(i + 1);
            own.call(op); // builds the per-token client outside the window
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    while (System.nanoTime() < window[1]) {
                        own.call(op);
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

    /** @return CPU time of this process so far, all threads, user + system */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * Bytes allocated so far by every thread, those that have ended included: the JDK's HTTP client
     * completes {@code sendAsync} on a new thread per call on a machine with 2 CPUs or fewer, and
     * what such a thread allocated must count.
     *
     * @return the bytes
     */
    static long allocatedByAllThreads() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long total = mx.getTotalThreadAllocatedBytes();
        if (total >= 0) {
            return total;
        }
        long[] ids = mx.getAllThreadIds();
        long sum = 0;
        for (long b : mx.getThreadAllocatedBytes(ids)) {
            if (b > 0) {
                sum += b;
            }
        }
        return sum;
    }

    /** @return the peak heap use of every heap pool, MiB */
    static double peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / 1048576.0;
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
